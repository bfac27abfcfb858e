// A Kafka Streams application, for tests: a stateless topology that reads TOPIC as application (group) APP_ID with the
// rebalance protocol PROTOCOL (classic or streams), stops once it has processed COUNT records, and commits as it closes.
// Usage: java -cp 'KAFKA_LIBS/*:STREAMS_LIBS/*' StreamsApp.java BOOTSTRAP TOPIC APP_ID PROTOCOL COUNT STATE_DIR
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

public class StreamsApp {
	public static void main(String[] args) throws Exception {
		Properties config = new Properties();
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
		config.put("group.protocol", args[3]);
		config.put(StreamsConfig.STATE_DIR_CONFIG, args[5]);
		config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
		config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
		config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
		CountDownLatch processed = new CountDownLatch(Integer.parseInt(args[4]));
		StreamsBuilder builder = new StreamsBuilder();
		builder.<String, String>stream(args[1]).foreach((key, value) -> processed.countDown());
		try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
			streams.start();
			if (!processed.await(120, TimeUnit.SECONDS)) throw new IllegalStateException(processed.getCount() + " records not processed in 120 s");
			// A clean close commits what was processed.
			streams.close(Duration.ofSeconds(30));
		}
		System.out.println("processed " + args[4]);
	}
}
