/* format_github.c: being written. */
