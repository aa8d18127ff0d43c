"""Prints the public API of the installed PySpark Connect client as JSON.

Used by test/surface/pysparkSurface.test.ts: for each class of pyspark.sql.connect that
has a counterpart in this library, the names of its public members, and the public
functions of pyspark.sql.connect.functions. Nothing here connects to a server.
"""
import importlib
import inspect
import json

import pyspark

CLASSES = {
    "DataFrame": "pyspark.sql.connect.dataframe:DataFrame",
    "DataFrameNaFunctions": "pyspark.sql.connect.dataframe:DataFrameNaFunctions",
    "DataFrameStatFunctions": "pyspark.sql.connect.dataframe:DataFrameStatFunctions",
    "Column": "pyspark.sql.connect.column:Column",
    "GroupedData": "pyspark.sql.connect.group:GroupedData",
    "SparkSession": "pyspark.sql.connect.session:SparkSession",
    "SparkSession.Builder": "pyspark.sql.connect.session:SparkSession.Builder",
    "DataFrameReader": "pyspark.sql.connect.readwriter:DataFrameReader",
    "DataFrameWriter": "pyspark.sql.connect.readwriter:DataFrameWriter",
    "DataFrameWriterV2": "pyspark.sql.connect.readwriter:DataFrameWriterV2",
    "MergeIntoWriter": "pyspark.sql.connect.merge:MergeIntoWriter",
    "Catalog": "pyspark.sql.connect.catalog:Catalog",
    "Window": "pyspark.sql.connect.window:Window",
    "WindowSpec": "pyspark.sql.connect.window:WindowSpec",
    "RuntimeConf": "pyspark.sql.connect.conf:RuntimeConf",
    "Observation": "pyspark.sql.connect.observation:Observation",
    "UDFRegistration": "pyspark.sql.connect.udf:UDFRegistration",
    "TableValuedFunction": "pyspark.sql.connect.tvf:TableValuedFunction",
    "DataStreamReader": "pyspark.sql.connect.streaming.readwriter:DataStreamReader",
    "DataStreamWriter": "pyspark.sql.connect.streaming.readwriter:DataStreamWriter",
    "StreamingQuery": "pyspark.sql.connect.streaming.query:StreamingQuery",
    "StreamingQueryManager": "pyspark.sql.connect.streaming.query:StreamingQueryManager",
}


def load(spec):
    module, _, path = spec.partition(":")
    obj = importlib.import_module(module)
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def members(cls):
    return sorted(n for n in dir(cls) if not n.startswith("_"))


def functions():
    mod = importlib.import_module("pyspark.sql.connect.functions")
    out = []
    for name in dir(mod):
        if name.startswith("_"):
            continue
        value = getattr(mod, name)
        if inspect.isfunction(value) and value.__module__.startswith("pyspark.sql.connect.functions"):
            out.append(name)
    return sorted(out)


classes = {}
for name, spec in CLASSES.items():
    try:
        classes[name] = members(load(spec))
    except (ImportError, AttributeError):
        classes[name] = None  # not in this PySpark version
print(json.dumps({"version": pyspark.__version__, "classes": classes, "functions": functions()}))
