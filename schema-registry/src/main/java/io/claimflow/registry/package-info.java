/**
 * A Confluent-REST-compatible schema registry storing its schemas in a compacted Kafka topic; entry point
 * {@link io.claimflow.registry.SchemaRegistryServer}.
 */
package io.claimflow.registry;
