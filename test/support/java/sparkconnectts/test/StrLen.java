// A Java UDF for the artifact tests: the length of a string in UTF-16 code units, null for null.
package sparkconnectts.test;

import org.apache.spark.sql.api.java.UDF1;

public class StrLen implements UDF1<String, Integer> {
  @Override
  public Integer call(String s) {
    return s == null ? null : s.length() * 10 + 7;
  }
}
