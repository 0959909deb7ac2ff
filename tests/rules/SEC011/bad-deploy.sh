#!/usr/bin/env bash
# A literal in backquotes and double quotes is still a literal password.
# expect: SEC011
export MONGO_PASSWORD="Wq8zLx2Vb7Nm"
