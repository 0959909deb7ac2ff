#!/bin/sh
# A credential echoed into the job's environment is still a credential.
# expect: SEC012
echo "DEPLOY_SIGNING=Vx8qL2mT9rK4wZ7nB3yP6sD1cF5gH0jQ2aE8uIoW" >> "$GITHUB_ENV"
