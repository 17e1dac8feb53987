/* cmd_parse.c -- PLACEHOLDER */
#include "commands.h"
int cmd_parse(int argc, char **argv) { (void)argc; (void)argv; return 1; }
