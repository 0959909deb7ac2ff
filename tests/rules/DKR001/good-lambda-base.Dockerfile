# Synthetic: a function image on AWS Lambda's base image; the Lambda service runs the
# container as its own unprivileged user, whatever the image declares.
FROM public.ecr.aws/lambda/python:3.13 AS builder
COPY requirements.txt .
RUN pip install -r requirements.txt --target /asset

FROM public.ecr.aws/lambda/python:3.13
COPY --from=builder /asset ${LAMBDA_TASK_ROOT}
COPY app.py ${LAMBDA_TASK_ROOT}
CMD ["app.handler"]
