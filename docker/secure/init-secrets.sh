#!/usr/bin/env bash
# The secure profile's one-shot set-up (docker-compose.yml, profile "secure"): key material and credential files for
# Kafka (SASL_SSL) and Schema Registry (HTTPS + basic auth), written at run time into the "secure-secrets" volume, one
# directory per container (kafka/, kafka-init/, registry/, postgres/, <service>/), each mounted by that container alone
# at /etc/claimflow-secure and readable only by its user.
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
ssl.truststore.location=/etc/claimflow-secure/truststore.p12
ssl.truststore.password=$CLAIMFLOW_TLS_STORE_PASSWORD
ssl.truststore.type=PKCS12
PROPS

# Schema Registry basic auth (Jetty's property-file login module): user claimflow, role "user".
cat > registry-jaas.conf <<JAAS
SchemaRegistry {
  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required
  file="/etc/claimflow-secure/registry-users.properties";
};
JAAS

# ---- least privilege (issue 19): one directory per container, readable only by that container's user ----------
# Each container mounts only its own directory (compose "volume: subpath"), so no container sees the broker's private
# key or another service's database password. Nothing is world-readable.
KAFKA_UID=1000        # appuser in Confluent's images (broker, topic init, registry)
POSTGRES_UID=999      # postgres in the postgres image (runs the init scripts)
SERVICE_UID=10001     # claimflow in docker/service.Dockerfile
SERVICES="coding-service claim-service adjudication-gateway patient-billing-service ehr-connector ops-console"
declare -A DATABASE=([coding-service]=claimflow_coding [claim-service]=claimflow_claim
  [adjudication-gateway]=claimflow_adjudication [patient-billing-service]=claimflow_patient_billing
  [ehr-connector]=claimflow_ehr [ops-console]=claimflow_console)

random_password() {
  head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 32
}

place() { # place <dir> <uid> <file>...: copies the files into <dir>, owned by <uid>, 0400 in a 0500 directory
  local dir=$1 uid=$2
  shift 2
  mkdir -p "$dir"
  for file in "$@"; do
    cp "$file" "$dir/"
  done
  chown -R "$uid:$uid" "$dir"
  find "$dir" -type f -exec chmod 0400 {} +
  find "$dir" -type d -exec chmod 0500 {} +
}

place kafka "$KAFKA_UID" kafka.keystore.p12 truststore.p12 store-password kafka-server-jaas.conf client.properties
place kafka-init "$KAFKA_UID" truststore.p12 client.properties
place registry "$KAFKA_UID" registry.keystore.p12 truststore.p12 registry-jaas.conf schema-registry-secure.crt
# the registry's JAAS file names its users file inside the registry's own mount
cat > registry/registry-users.properties <<USERS
claimflow: $CLAIMFLOW_REGISTRY_PASSWORD,user
USERS
chown "$KAFKA_UID:$KAFKA_UID" registry/registry-users.properties && chmod 0400 registry/registry-users.properties

# Database roles, two per service (docs/security.md, "Database roles"): random passwords, generated once. PostgreSQL's
# init script reads them all; each service gets only its own two, as Spring properties (configtree).
mkdir -p postgres
for service in $SERVICES; do
  db=${DATABASE[$service]}
  for role in app owner; do
    [ -f "postgres/${db}_${role}.password" ] || random_password > "postgres/${db}_${role}.password"
  done
  mkdir -p "$service/config"
  cp truststore.p12 "$service/"
  cp "postgres/${db}_app.password" "$service/config/spring.datasource.password"
  cp "postgres/${db}_owner.password" "$service/config/spring.flyway.password"
  chown -R "$SERVICE_UID:$SERVICE_UID" "$service"
  find "$service" -type f -exec chmod 0400 {} +
  find "$service" -type d -exec chmod 0500 {} +
done
# the operator's read-only login (SELECT only): its password stays with PostgreSQL and the top-level originals
[ -f postgres/claimflow.password ] || random_password > postgres/claimflow.password
chown -R "$POSTGRES_UID:$POSTGRES_UID" postgres
find postgres -type f -exec chmod 0400 {} +
chmod 0500 postgres

# the originals at the top level: root only
find . -maxdepth 1 -type f -exec chmod 0400 {} +
chown root:root . && chmod 0711 .
echo "secure profile: secrets ready in $out, one directory per container"
