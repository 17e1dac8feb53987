/* cmd_build.c -- PLACEHOLDER, replaced by the build tool. */
#include <stdio.h>
#include "commands.h"
int cmd_build(int argc, char **argv) { (void)argc; (void)argv; fputs("lantian build: not yet\n", stderr); return 1; }
int cmd_check(int argc, char **argv) { (void)argc; (void)argv; fputs("lantian check: not yet\n", stderr); return 1; }
