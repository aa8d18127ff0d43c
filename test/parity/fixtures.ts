// The data of the parity cases: SQL text that both clients run with spark.sql(), so the
// two sides start from the same DataFrames. In Python each fixture is a variable of the
// same name; in TypeScript it is ctx.fx.<name>.
export const FIXTURES = {
  people: `SELECT * FROM VALUES
    (1, 'Ann', 'PL', 30, 100.0D), (2, 'Bob', 'DE', 25, 50.5D), (3, 'Cid', 'PL', 41, NULL),
    (4, 'Dee', 'FR', 35, 75.25D), (5, 'Eve', NULL, 28, 10.0D), (6, 'Fay', 'DE', 25, 50.5D)
    AS t(id, name, country, age, spent)`,
  orders: `SELECT * FROM VALUES
    (10, 1, 5.0D, 'a'), (11, 1, 7.5D, 'b'), (12, 2, 1.0D, 'a'), (13, 9, 2.0D, 'c'), (14, 4, NULL, 'b')
    AS t(oid, pid, total, kind)`,
  nums: `SELECT * FROM VALUES
    (1, 10L, 1.5D, CAST(1.25 AS DECIMAL(10,2)), CAST(1.5 AS FLOAT), 'a'),
    (2, -3L, -2.0D, CAST(-7.10 AS DECIMAL(10,2)), CAST(-0.1 AS FLOAT), 'b'),
    (3, NULL, CAST('NaN' AS DOUBLE), NULL, NULL, NULL),
    (4, 9007199254740993L, CAST('Infinity' AS DOUBLE), CAST(12345678.99 AS DECIMAL(10,2)), CAST('NaN' AS FLOAT), 'a'),
    (5, 0L, CAST('-Infinity' AS DOUBLE), CAST(0 AS DECIMAL(10,2)), CAST(0 AS FLOAT), 'c'),
    (6, 7L, -0.0D, CAST(3.33 AS DECIMAL(10,2)), CAST(2.5 AS FLOAT), 'b'),
    (NULL, 1L, 0.3D, CAST(0.01 AS DECIMAL(10,2)), CAST(1 AS FLOAT), '')
    AS t(i, l, d, dec, f, s)`,
  nested: `SELECT * FROM VALUES
    (1, array(1, 2, 3), map('a', 1, 'b', 2), named_struct('x', 1, 'y', 'one', 'z', named_struct('p', 1.5D)), array('x', 'y')),
    (2, array(4, NULL), map('c', 3), named_struct('x', 2, 'y', NULL, 'z', named_struct('p', -1.0D)), array()),
    (3, array(), map(), named_struct('x', NULL, 'y', 'three', 'z', NULL), NULL),
    (4, NULL, NULL, NULL, array(NULL, 'w'))
    AS t(id, arr, m, st, tags)`,
  times: `SELECT id, CAST(ts AS TIMESTAMP) AS ts, CAST(ntz AS TIMESTAMP_NTZ) AS ntz, CAST(d AS DATE) AS d, s FROM VALUES
    (1, '2024-01-15 10:30:00.123456', '2024-01-15 10:30:00.123456', '2024-01-15', '2024-01-15 10:30:00'),
    (2, '2024-03-10 02:30:00', '2024-03-10 02:30:00', '2024-02-29', '2024-03-10T02:30:00Z'),
    (3, '1969-12-31 23:59:59.999999', '1969-12-31 23:59:59.999999', '1969-12-31', '1969-12-31 23:59:59'),
    (4, '2024-11-03 01:30:00', '2024-11-03 01:30:00', '0001-01-01', '2024-11-03 01:30:00+05:30'),
    (5, NULL, NULL, NULL, NULL)
    AS t(id, ts, ntz, d, s)`,
  sales: `SELECT * FROM VALUES
    (2023, 1, 'north', 10), (2023, 2, 'north', 20), (2023, 1, 'south', 5), (2024, 1, 'north', 30),
    (2024, 2, 'south', 15), (2024, 3, 'south', 25), (2024, 3, 'north', NULL), (2023, 4, 'east', 7)
    AS t(year, quarter, region, revenue)`,
  pairs: `SELECT * FROM VALUES
    (1, 1.0D, 2.0D, 'a', 'x'), (2, 2.0D, 4.5D, 'a', 'y'), (3, 3.0D, 5.5D, 'b', 'x'), (4, 4.0D, 9.0D, 'b', 'x'),
    (5, 5.0D, 9.5D, 'c', 'y'), (6, 6.0D, 13.0D, 'a', 'x'), (7, 7.0D, 13.5D, 'c', 'z'), (8, 8.0D, 17.0D, 'b', 'y')
    AS t(id, a, b, g, h)`,
} as const;
