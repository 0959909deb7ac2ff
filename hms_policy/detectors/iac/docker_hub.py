"""Which one-word image names Docker Hub can serve.

An image reference without a registry or namespace (`postgres`, `redis:latest`) resolves to
Docker Hub's `library/` namespace, which holds only the Docker Official Images. Any other
one-word name (`bb-api:latest`, `selenium-local`, `job-server`) cannot be pulled from anywhere:
it names an image built on the same machine (`docker build -t`, jib's `dockerBuild`, a Makefile
target), so a mutable tag on it changes nothing that a registry could swap underneath.

The list is the official images, current and deprecated (a deprecated one can still be
pulled), from https://hub.docker.com/u/library and github.com/docker-library/official-images
`library/` (read 2026-11). A name missing here only makes a finding disappear for a pull that
would fail anyway; a name listed by mistake keeps a finding, so the list errs on inclusion.
"""

from __future__ import annotations

OFFICIAL_IMAGES = frozenset(
    """
    adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux
    backdrop bash bonita buildpack-deps busybox caddy cassandra celery centos chronograf cirros
    clearlinux clefos clickhouse clojure composer consul convertigo couchbase couchdb crate
    crux dart debian django docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch
    elixir emqx erlang express-gateway fedora flink fluentd friendica gazebo gcc geonetwork
    ghost glassfish golang gradle groovy haproxy haskell haxe hello-world hello-seattle hitch
    httpd hylang ibm-semeru-runtimes ibmjava influxdb iojs irssi java jenkins jetty jobber joomla
    jruby julia kaazing-gateway kapacitor kibana known kong lightstreamer liquibase logstash
    mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql nats
    nats-streaming neo4j neurodebian nextcloud nginx node notary nuxeo odoo open-liberty openjdk
    opensuse oraclelinux orientdb owncloud percona perl photon php php-zendserver phpmyadmin
    piwik plone postfixadmin postgres pypy python r-base rabbitmq rails rakudo-star redis redmine
    registry rethinkdb rocket.chat rockylinux ros ruby rust sapmachine satosa scratch sentry
    silverpeas sl solr sonarqube sourcemage spark spiped storm swarm swift swipl teamspeak
    telegraf thrift tomcat tomee traefik ubuntu ubuntu-debootstrap ubuntu-upstart unit varnish
    vault websphere-liberty wordpress xwiki yourls znc zookeeper
    """.split()
)


def pullable_from_docker_hub(image: str) -> bool:
    """False for a one-word name that is no official image (a local build's tag)."""
    if "/" in image:
        return True  # a namespace or a registry: decided there
    return image.split("@", 1)[0].split(":", 1)[0].lower() in OFFICIAL_IMAGES
