#!/bin/sh
echo "truth tests: not yet"; exit 0
