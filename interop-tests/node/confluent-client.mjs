// An EHR-side / third-party producer and consumer that is NOT ClaimFlow code: KafkaJS for Kafka and
// @kafkajs/confluent-schema-registry (avsc underneath) for the Confluent wire format and registry REST API.
// ClaimFlow's interop tests drive it to prove both directions of compatibility.
//
//   node confluent-client.mjs produce <bootstrap> <registryUrl> <topic> <schema.avsc> <record.json> <key>
//   node confluent-client.mjs consume <bootstrap> <registryUrl> <topic> <count>   (prints one JSON record per line)
import { readFileSync } from 'node:fs';
import kafkajs from 'kafkajs';
import registryLib from '@kafkajs/confluent-schema-registry';
import avsc from 'avsc';

const { Kafka, logLevel } = kafkajs;
const { SchemaRegistry, SchemaType } = registryLib;

// Avro logical types mapped to the plain JSON shapes of schemas/samples: decimals as strings, dates as
// yyyy-mm-dd, timestamps as ISO-8601.
class DecimalType extends avsc.types.LogicalType {
  constructor(attrs, opts) {
    super(attrs, opts);
    this.scale = attrs.scale || 0;
  }
  _fromValue(buf) {
    // two's complement big-endian unscaled value
    let n = 0n;
    for (const b of buf) n = (n << 8n) | BigInt(b);
    if (buf.length > 0 && (buf[0] & 0x80)) n -= 1n << BigInt(buf.length * 8);
    const neg = n < 0n;
    let digits = (neg ? -n : n).toString().padStart(this.scale + 1, '0');
    const text = this.scale > 0 ? digits.slice(0, -this.scale) + '.' + digits.slice(-this.scale) : digits;
    return (neg ? '-' : '') + text;
  }
  _toValue(val) {
    const text = String(val);
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) throw new Error(`not a decimal: ${text}`);
    const frac = (m[3] || '').padEnd(this.scale, '0');
    if (frac.length > this.scale) throw new Error(`too many decimal places for scale ${this.scale}: ${text}`);
    let n = BigInt(m[2] + frac);
    if (m[1] === '-') n = -n;
    const bytes = [];
    let v = n;
    do {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (!((v === 0n && (bytes[0] & 0x80) === 0) || (v === -1n && (bytes[0] & 0x80) !== 0)));
    return Buffer.from(bytes);
  }
  _resolve(type) {
    if (avsc.Type.isType(type, 'bytes', 'logical:decimal')) return this._fromValue;
  }
}

class DateType extends avsc.types.LogicalType {
  _fromValue(days) { return new Date(days * 86400000).toISOString().slice(0, 10); }
  _toValue(val) { return Math.round(Date.parse(`${val}T00:00:00Z`) / 86400000); }
  _resolve(type) { if (avsc.Type.isType(type, 'int', 'logical:date')) return this._fromValue; }
}

class TimestampMillisType extends avsc.types.LogicalType {
  _fromValue(millis) { return new Date(Number(millis)).toISOString(); }
  _toValue(val) { return Date.parse(val); }
  _resolve(type) { if (avsc.Type.isType(type, 'long', 'logical:timestamp-millis')) return this._fromValue; }
}

const avroOptions = {
  logicalTypes: { decimal: DecimalType, date: DateType, 'timestamp-millis': TimestampMillisType },
};

function clients(bootstrap, registryUrl) {
  const kafka = new Kafka({ clientId: 'interop-node', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
  const registry = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: avroOptions });
  return { kafka, registry };
}

async function produce([bootstrap, registryUrl, topic, schemaFile, recordFile, key]) {
  const { kafka, registry } = clients(bootstrap, registryUrl);
  const schema = readFileSync(schemaFile, 'utf8');
  const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject: `${topic}-value` });
  const record = JSON.parse(readFileSync(recordFile, 'utf8'));
  const value = await registry.encode(id, record);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  await producer.disconnect();
  console.log(JSON.stringify({ schemaId: id, bytes: value.length }));
}

async function consume([bootstrap, registryUrl, topic, count]) {
  const { kafka, registry } = clients(bootstrap, registryUrl);
  const wanted = Number(count);
  const consumer = kafka.consumer({ groupId: `interop-node-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${seen} of ${wanted} records`)), 60000);
    consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = await registry.decode(message.value);
        process.stdout.write(JSON.stringify(decoded) + '\n');
        if (++seen >= wanted) { clearTimeout(timer); resolve(); }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
}

const [command, ...args] = process.argv.slice(2);
const commands = { produce, consume };
if (!commands[command]) {
  console.error('usage: confluent-client.mjs produce|consume ...');
  process.exit(2);
}
commands[command](args).then(() => process.exit(0), (err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
