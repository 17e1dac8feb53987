/* cmd_aqi.c -- PLACEHOLDER, replaced by the AQI command. */
#include <stdio.h>
#include "commands.h"
int cmd_aqi(int argc, char **argv) { (void)argc; (void)argv; fputs("lantian aqi: not yet\n", stderr); return 1; }
