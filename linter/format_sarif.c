/* format_sarif.c: being written. */
