# Synthetic: a Lambda base image used only to build, then an image from a mirror whose path
# merely contains "lambda": not AWS Lambda's, so it runs as root.
FROM public.ecr.aws/lambda/python:3.13 AS deps
RUN pip install requests --target /asset

# expect: DKR001
FROM example.com/mirror/lambda/python:3.13
COPY --from=deps /asset /app
CMD ["python", "/app/main.py"]
