# Synthetic: the hardened twin's mistake fixed the wrong way: declaring the global ARG again
# inside the stage brings its value into the stage, and the ENV bakes it into the image.
# expect: DKR005
ARG SMARTY_AUTH_TOKEN

FROM python:3.12-slim
# expect: DKR005
ARG SMARTY_AUTH_TOKEN
# expect: DKR005
ENV SMARTY_AUTH_TOKEN=$SMARTY_AUTH_TOKEN
USER 10001
