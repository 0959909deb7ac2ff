# Synthetic build for hms-policy's fixtures.
FROM debian:12.5-slim
# expect: DKR008
RUN curl -fsSL https://github.com/kelseyhightower/confd/releases/download/v0.16.0/confd-0.16.0-linux-amd64 -o /usr/local/bin/confd \
    && chmod +x /usr/local/bin/confd
# expect: DKR008
RUN wget -q https://downloads.example-vendor.org/tools/report-engine-2.1.tar.gz \
 && tar -xzf report-engine-2.1.tar.gz -C /opt
# expect: DKR008
RUN wget https://repo1.maven.org/maven2/org/mybatis/mybatis/3.5.6/mybatis-3.5.6.jar -O /opt/lib/mybatis.jar && mv /opt/lib/mybatis.jar /usr/local/lib/
