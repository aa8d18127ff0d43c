// The Go peer of `npm run bench`: the Apache Spark Connect Go client
// (github.com/apache/spark-connect-go, pinned in go.mod) running the toArrow case against
// the same server as the other clients.
//
//	spark-connect-go-bench serve <url>
//
// A worker like bench/pyspark_cases.py: reads one JSON request per line on stdin, answers
// one JSON line on stdout. Requests:
//
//	{"op":"info"}                      -> {"go": "<go version>", "module": "<spark-connect-go version>"}
//	{"op":"to_arrow","query":"<sql>"}  -> {"seconds": s, "cpu": s, "rows": n}
//
// The DataFrame is built before the clock starts (Sql() executes eagerly, as in PySpark);
// the timed region is DataFrame.ToArrow(). CPU is getrusage(RUSAGE_SELF) user + system,
// all threads.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/apache/spark-connect-go/spark/sql"
)

const modulePath = "github.com/apache/spark-connect-go"

type request struct {
	Op    string `json:"op"`
	Query string `json:"query"`
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == modulePath {
				return d.Version
			}
		}
	}
	return "unknown"
}

type worker struct {
	ctx    context.Context
	spark  sql.SparkSession
	frames map[string]sql.DataFrame
}

func (w *worker) frame(query string) (sql.DataFrame, error) {
	if df, ok := w.frames[query]; ok {
		return df, nil
	}
	df, err := w.spark.Sql(w.ctx, query)
	if err != nil {
		return nil, err
	}
	w.frames[query] = df
	return df, nil
}

func (w *worker) toArrow(query string) (map[string]any, error) {
	df, err := w.frame(query)
	if err != nil {
		return nil, err
	}
	runtime.GC()
	c0, t0 := cpuSeconds(), time.Now()
	table, err := df.ToArrow(w.ctx)
	if err != nil {
		return nil, err
	}
	seconds, cpu := time.Since(t0).Seconds(), cpuSeconds()-c0
	rows := (*table).NumRows()
	(*table).Release()
	return map[string]any{"seconds": seconds, "cpu": cpu, "rows": rows}, nil
}

func (w *worker) dispatch(req request) (map[string]any, error) {
	switch req.Op {
	case "info":
		return map[string]any{"go": runtime.Version(), "module": modulePath + "@" + moduleVersion()}, nil
	case "to_arrow":
		return w.toArrow(req.Query)
	default:
		return nil, fmt.Errorf("unknown op %q", req.Op)
	}
}

func main() {
	if len(os.Args) != 3 || os.Args[1] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: spark-connect-go-bench serve <sc://host:port>")
		os.Exit(2)
	}
	// The Go client accepts no bare "/" path after host:port.
	url := strings.TrimSuffix(os.Args[2], "/")
	ctx := context.Background()
	out := json.NewEncoder(os.Stdout)
	spark, err := sql.NewSessionBuilder().Remote(url).Build(ctx)
	if err != nil {
		_ = out.Encode(map[string]any{"error": err.Error()})
		os.Exit(1)
	}
	defer func() { _ = spark.Stop() }()
	w := &worker{ctx: ctx, spark: spark, frames: map[string]sql.DataFrame{}}
	_ = out.Encode(map[string]any{"ready": true})
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		var req request
		res, err := map[string]any(nil), json.Unmarshal([]byte(line), &req)
		if err == nil {
			res, err = w.dispatch(req)
		}
		if err != nil {
			res = map[string]any{"error": err.Error()}
		}
		_ = out.Encode(res)
	}
}
