// Placeholder while the test kit is written (issue 13).
