FROM debian:12-slim
# expect: DKR004
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
# expect: DKR004
RUN apt-get update && \
    wget -qO- https://get.example.sh | sudo -E sh
# expect: DKR004
RUN sh -c "$(curl -fsSL https://raw.example.org/install.sh)"
# expect: DKR004
RUN bash <(curl -s https://example.org/bootstrap) --yes
# expect: DKR004
RUN curl https://bootstrap.pypa.io/get-pip.py | python3
