-- The second statement is not SQL.
CREATE TABLE IF NOT EXISTS second_table (id INT PRIMARY KEY);
THIS IS NOT SQL;
