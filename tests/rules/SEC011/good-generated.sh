#!/usr/bin/env bash
# Passwords made when the deploy runs, by a command: nothing is committed.
generate_password() { openssl rand -base64 24; }
export POSTGRES_PASSWORD=`generate_password`
export REDIS_PASSWORD=$(generate_password)
