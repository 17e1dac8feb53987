#!/bin/sh
echo "golden tests: not yet"; exit 0
