/* format_junit.c: being written. */
