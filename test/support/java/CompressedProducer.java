// Kafka's own Java producer, for tests: writes COUNT JSON events {"n", "codec", "text"} to each TOPIC with
// compression.type CODEC (none, gzip, snappy, lz4, zstd), each with the key "kN", a header "trace" given twice and a
// header "n". One JVM for every topic, as starting one takes seconds.
// Usage: java -cp 'KAFKA_LIBS/*' CompressedProducer.java BOOTSTRAP COUNT TOPIC=CODEC...
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class CompressedProducer {
	public static void main(String[] args) throws Exception {
		String bootstrap = args[0];
		int count = Integer.parseInt(args[1]);
		for (int target = 2; target < args.length; target++) {
			String[] pair = args[target].split("=", 2);
			produce(bootstrap, pair[0], pair[1], count);
		}
	}

	static void produce(String bootstrap, String topic, String codec, int count) {
		Properties config = new Properties();
		config.put("bootstrap.servers", bootstrap);
		config.put("compression.type", codec);
		config.put("acks", "all");
		config.put("enable.idempotence", "true");
		// Many records per batch, so each compressed batch holds many events.
		config.put("linger.ms", "20");
		config.put("batch.size", "262144");
		config.put("allow.auto.create.topics", "false");
		config.put("key.serializer", StringSerializer.class.getName());
		config.put("value.serializer", StringSerializer.class.getName());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			for (int n = 0; n < count; n++) {
				// Repetitive text compresses well, and non-ASCII text checks the decoding of UTF-8.
				String value = "{\"n\":" + n + ",\"codec\":\"" + codec + "\",\"text\":\"événement " + "abc".repeat(n % 20) + "\"}";
				ProducerRecord<String, String> record = new ProducerRecord<>(topic, "k" + n, value);
				record.headers().add("trace", "first".getBytes(StandardCharsets.UTF_8));
				record.headers().add("trace", ("second-" + n).getBytes(StandardCharsets.UTF_8));
				record.headers().add("n", Integer.toString(n).getBytes(StandardCharsets.UTF_8));
				producer.send(record);
			}
			producer.flush();
		}
	}
}
