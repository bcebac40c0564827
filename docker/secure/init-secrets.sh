#!/usr/bin/env bash
# The secure profile's one-shot set-up (docker-compose.yml, profile "secure"): key material and credential files for
# Kafka (SASL_SSL) and Schema Registry (HTTPS + basic auth), written at run time into the "secure-secrets" volume
# (mounted at /etc/claimflow-secure in every container of the profile).
# Nothing here is a secret: every password comes from the environment (.env, see .env.example), and the keys are
# generated on first start. Self-signed certificates: for a demonstration of the transport settings; a real
# deployment brings certificates from its own CA (same file names, same environment variables).
set -euo pipefail

: "${CLAIMFLOW_TLS_STORE_PASSWORD:?set CLAIMFLOW_TLS_STORE_PASSWORD (see .env.example)}"
: "${CLAIMFLOW_KAFKA_BROKER_PASSWORD:?set CLAIMFLOW_KAFKA_BROKER_PASSWORD (see .env.example)}"
: "${CLAIMFLOW_KAFKA_PASSWORD:?set CLAIMFLOW_KAFKA_PASSWORD (see .env.example)}"
: "${CLAIMFLOW_REGISTRY_PASSWORD:?set CLAIMFLOW_REGISTRY_PASSWORD (see .env.example)}"

out=${SECRETS_DIR:-/etc/claimflow-secure}
cd "$out"
umask 077

if [ ! -f kafka.keystore.p12 ]; then
  for host in kafka-secure schema-registry-secure; do
    keytool -genkeypair -alias "$host" -keyalg RSA -keysize 3072 -validity 365 -dname "CN=$host" \
      -ext "SAN=dns:$host,dns:localhost,ip:127.0.0.1" -storetype PKCS12 -keystore "$host.keystore.p12" \
      -storepass "$CLAIMFLOW_TLS_STORE_PASSWORD" -keypass "$CLAIMFLOW_TLS_STORE_PASSWORD"
    keytool -exportcert -rfc -alias "$host" -keystore "$host.keystore.p12" \
      -storepass "$CLAIMFLOW_TLS_STORE_PASSWORD" -file "$host.crt"
    keytool -importcert -noprompt -alias "$host" -file "$host.crt" -storetype PKCS12 -keystore truststore.p12 \
      -storepass "$CLAIMFLOW_TLS_STORE_PASSWORD"
  done
  mv kafka-secure.keystore.p12 kafka.keystore.p12
  mv schema-registry-secure.keystore.p12 registry.keystore.p12
fi

# Confluent's Kafka image reads store passwords from files next to the stores.
printf '%s' "$CLAIMFLOW_TLS_STORE_PASSWORD" > store-password

# Broker JAAS: the broker's own user and the services' user (SASL/PLAIN, only ever over TLS).
cat > kafka-server-jaas.conf <<JAAS
KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="broker"
  password="$CLAIMFLOW_KAFKA_BROKER_PASSWORD"
  user_broker="$CLAIMFLOW_KAFKA_BROKER_PASSWORD"
  user_claimflow="$CLAIMFLOW_KAFKA_PASSWORD";
};
JAAS

# Command-line clients in the secure network (topic set-up).
cat > client.properties <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="claimflow" password="$CLAIMFLOW_KAFKA_PASSWORD";
ssl.truststore.location=$out/truststore.p12
ssl.truststore.password=$CLAIMFLOW_TLS_STORE_PASSWORD
ssl.truststore.type=PKCS12
PROPS

# Schema Registry basic auth (Jetty's property-file login module): user claimflow, role "user".
cat > registry-jaas.conf <<JAAS
SchemaRegistry {
  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
  file="$out/registry-users.properties";
};
JAAS
printf 'claimflow: %s,user\n' "$CLAIMFLOW_REGISTRY_PASSWORD" > registry-users.properties

# Readable by the service containers' non-root user.
chmod 0644 ./*
echo "secure profile: secrets ready in $out"
