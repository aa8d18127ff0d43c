// A Java UDF for the artifact tests: 10 × the length of a string (UTF-16 code units) + 7, a
// value no built-in function gives; null for null.
package sparkconnectts.test;

import org.apache.spark.sql.api.java.UDF1;

public class StrLen implements UDF1<String, Integer> {
  @Override
  public Integer call(String s) {
    return s == null ? null : s.length() * 10 + 7;
  }
}
