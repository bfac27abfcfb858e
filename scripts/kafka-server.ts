// A local Apache Kafka (KRaft) on 127.0.0.1 for development and tests: `npm run kafka`, or imported by tests; a test may
// join further brokers to it (a cluster whose partitions can lose their leader while the others are read on).
// Kafka comes from Maven Central through mvn, cached under ~/.cache/pubsub-tools/kafka-<version>/.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {saslPlaintextListener, saslSslListener, type KafkaSaslListener, type KafkaSaslUser} from './kafka-sasl.js';
import {processRunning} from '../source/core/store/directory-lock.js';
import {commandProblem, freePort, portOpen, spawnLocal, startRestartable, runAsScript, stopOnSignals, tailOf, waitUntil, type LocalProcess, type RestartableServer} from './local-process.js';

/** The Kafka release run unless PUBSUB_KAFKA_VERSION names another. */
const defaultKafkaVersion = '4.2.0';

/** The Kafka release we run: KRaft-only 4.x (4.0.1 or newer), which needs Java 17. */
export const kafkaVersion = process.env.PUBSUB_KAFKA_VERSION || defaultKafkaVersion;

/** The broker version's runtime needs log4j's slf4j binding to log anything. */
const log4jVersion = '2.25.3';

/** Options of a local broker. */
export type KafkaServerOptions = {
	/** Client port (PLAINTEXT), default a free one. */
	port?: number;
	/** KRaft controller port, default a free one. */
	controllerPort?: number;
	/** The port the broker tells clients to use (a proxy in front of it on 127.0.0.1), default `port`. */
	advertisedPort?: number;
	/** The Kafka release, default `kafkaVersion`. */
	version?: string;
	/** Where the Kafka jars are cached, default that release's cache. */
	cacheDir?: string;
	/** Progress messages (download, format). */
	progress?: (message: string) => void;
	/** Also listen with SASL_SSL (SCRAM-SHA-256/512 over TLS, a self-signed certificate) for these users. */
	saslSsl?: {users: KafkaSaslUser[]};
	/** Also listen with SASL_PLAINTEXT (PLAIN and SCRAM-SHA-256, no TLS) for these users. */
	saslPlaintext?: {users: KafkaSaslUser[]};
	/**
	 * Join the cluster of a running node as a broker of its own (no controller) with this node id (2 or more): a
	 * cluster of several brokers, whose partitions can lose their leader while the rest go on.
	 */
	joins?: {controllerPort: number; nodeId: number};
};

/** A running local broker. */
export type KafkaServer = RestartableServer & {
	bootstrap: string;
	/** server.log inside `dir`. */
	logFile: string;
	/** The SASL_SSL listener, when asked for: its address and the certificate clients must trust (PEM file). */
	saslSsl?: {bootstrap: string; caFile: string};
	/** The SASL_PLAINTEXT listener's address, when asked for. */
	saslPlaintext?: {bootstrap: string};
	/** The running JVM's process id (undefined while down), for tests that make the broker stop answering (SIGSTOP). */
	pid(): number | undefined;
	/** The KRaft controller's port (of the node joined, for a broker that joined one): what another broker joins. */
	controllerPort: number;
};

/** Undefined when Java 17+ is available, else the reason Kafka cannot run here. */
export function javaProblem(): string | undefined {
	const result = spawnSync('java', ['-version'], {encoding: 'utf8'});
	if (result.error) return 'Java is not installed (java not on PATH); Kafka needs Java 17 or newer';
	const major = Number(/version "(?:1\.)?(\d+)/.exec(result.stderr)?.[1]);
	return major >= 17 ? undefined : `Kafka ${kafkaVersion} needs Java 17 or newer; java -version says: ${result.stderr.split('\n')[0] ?? ''}`;
}

/** A pom.xml whose runtime dependencies are `dependencies` (<dependency> elements). */
const pom = (dependencies: string) => `<project xmlns="http://maven.apache.org/POM/4.0.0">
	<modelVersion>4.0.0</modelVersion>
	<groupId>pubsub-tools</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
	<dependencies>
		${dependencies}
	</dependencies>
</project>
`;

/** The end of what a finished command printed, for error messages. */
function outputOf(result: {stdout: string; stderr: string}): string {
	return (result.stdout + result.stderr).trim().slice(-2000);
}

/** The default cache folder of a Kafka version. */
export function kafkaCacheDir(version = kafkaVersion): string {
	return path.join(os.homedir(), '.cache', 'pubsub-tools', `kafka-${version}`);
}

/** Write into a fresh sibling folder, then rename it into place: concurrent first starts never see half a folder. */
function buildOnce(target: string, build: (folder: string) => void): void {
	if (fs.existsSync(target)) return;
	const staging = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
	fs.rmSync(staging, {recursive: true, force: true});
	fs.mkdirSync(staging, {recursive: true});
	try {
		build(staging);
		fs.renameSync(staging, target);
	} catch (error) {
		fs.rmSync(staging, {recursive: true, force: true});
		// Another process finished first: its copy is as good as ours.
		if (!fs.existsSync(target)) throw error;
	}
}

/** The jars of `dependencies` (downloaded with mvn into `lib` the first time, `what` they are), as a java class path. */
function mavenClasspath(lib: string, what: string, dependencies: string, progress: (message: string) => void): string {
	if (!fs.existsSync(lib)) {
		const problem = commandProblem('mvn', ['-v']);
		if (problem) throw new Error(`Maven is needed once to download ${what} from Maven Central: ${problem}`);
		progress(`downloading ${what} with Maven into ${path.dirname(lib)} (first start only)`);
		buildOnce(lib, staging => {
			const project = `${staging}-pom`;
			fs.mkdirSync(project, {recursive: true});
			fs.writeFileSync(path.join(project, 'pom.xml'), pom(dependencies));
			const result = spawnSync('mvn', [
				'-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime',
			], {cwd: project, encoding: 'utf8'});
			fs.rmSync(project, {recursive: true, force: true});
			if (result.status !== 0) throw new Error(`mvn could not fetch ${what}:\n${outputOf(result)}`);
		});
	}

	return `${lib}${path.sep}*`;
}

/** The Kafka jars of `version` (downloaded with mvn the first time), as a java class path. */
export function kafkaClasspath(cacheDir: string, progress: (message: string) => void = () => undefined, version = kafkaVersion): string {
	return mavenClasspath(path.join(cacheDir, 'lib'), `Kafka ${version}`, [
		`<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${version}</version></dependency>`,
		`<dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${log4jVersion}</version></dependency>`,
	].join(''), progress);
}

/**
 * Kafka Streams of `version` with that version's Kafka jars, as a java class path (for tests of applications built on
 * it): its own jar only, as the others are Kafka's and a stateless topology needs no RocksDB.
 */
export function kafkaStreamsClasspath(version = kafkaVersion): string {
	const cacheDir = kafkaCacheDir(version);
	const streams = mavenClasspath(path.join(cacheDir, 'streams-lib'), `Kafka Streams ${version}`, `<dependency><groupId>org.apache.kafka</groupId>
		<artifactId>kafka-streams</artifactId><version>${version}</version>
		<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>`, () => undefined);
	return `${kafkaClasspath(cacheDir, undefined, version)}${path.delimiter}${streams}`;
}

/** A Kafka cluster id: 16 random bytes, base64url, not starting with `-` (as Kafka's own Uuid.randomUuid). */
function clusterId(): string {
	for (;;) {
		const id = randomBytes(16).toString('base64url');
		if (!id.startsWith('-')) return id;
	}
}

/** A SASL listener of the broker: its name (SASL_SSL, SASL_PLAINTEXT, also its security protocol), port and lines. */
type SaslListenerAt = {name: 'SASL_SSL' | 'SASL_PLAINTEXT'; port: number; properties: string[]};

/**
 * server.properties of a single-node broker+controller listening on loopback only (or, for a `nodeId` above 1, a
 * broker joining the controller at `controllerPort`); with `sasl`, also those SASL listeners (the broker itself keeps
 * talking PLAINTEXT to itself); clients are told to connect to `advertisedPort` (a proxy in front of the broker).
 */
function serverProperties(port: number, controllerPort: number, dataDir: string, sasl: SaslListenerAt[] = [], nodeId = 1, advertisedPort = port): string {
	const saslListener = sasl.map(listener => `,${listener.name}://127.0.0.1:${listener.port}`).join('');
	// Node 1 is the controller too; another node is a broker that joins it.
	const controller = nodeId === 1 ? `,CONTROLLER://127.0.0.1:${controllerPort}` : '';
	return [
		`process.roles=broker${nodeId === 1 ? ',controller' : ''}`,
		`node.id=${nodeId}`,
		`controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
		`listeners=PLAINTEXT://127.0.0.1:${port}${saslListener}${controller}`,
		`advertised.listeners=PLAINTEXT://127.0.0.1:${advertisedPort}${saslListener}`,
		'controller.listener.names=CONTROLLER',
		`listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${sasl.map(({name}) => `,${name}:${name}`).join('')}`,
		...sasl.flatMap(listener => listener.properties),
		'inter.broker.listener.name=PLAINTEXT',
		`log.dirs=${dataDir}`,
		'num.partitions=1',
		'auto.create.topics.enable=false',
		// One node: every internal topic has one replica, and few partitions so the first group starts quickly.
		'offsets.topic.replication.factor=1',
		'offsets.topic.num.partitions=1',
		'transaction.state.log.replication.factor=1',
		'transaction.state.log.min.isr=1',
		'transaction.state.log.num.partitions=1',
		'share.coordinator.state.topic.replication.factor=1',
		'share.coordinator.state.topic.min.isr=1',
		'group.initial.rebalance.delay.ms=0',
		// Records keep their own times, however old (a recording published, a fixture's commit times): under the default
		// 7-day retention, a check every 5 min deleted them minutes after they were written, and a read from earliest
		// then found nothing (the kafka-debezium test, 2026-11-27 changes, on the suite's long-lived broker).
		'log.retention.ms=-1',
		'',
	].join('\n');
}

const log4jProperties = (logFile: string) => [
	'rootLogger.level = INFO',
	'rootLogger.appenderRef.file.ref = FILE',
	'appender.file.type = File',
	'appender.file.name = FILE',
	`appender.file.fileName = ${logFile}`,
	'appender.file.layout.type = PatternLayout',
	'appender.file.layout.pattern = [%d] %p %m (%c)%n',
	'',
].join('\n');

/**
 * A formatted KRaft storage folder, made once per cache with `kafka.tools.StorageTool format` and copied for each
 * start (formatting costs a JVM start of its own).
 */
function storageTemplate(cacheDir: string, classpath: string, progress: (message: string) => void): string {
	const template = path.join(cacheDir, 'storage-template');
	buildOnce(template, staging => {
		progress('formatting the KRaft storage template');
		const config = path.join(`${staging}-config`);
		fs.writeFileSync(config, serverProperties(9092, 9093, staging));
		try {
			formatStorage(staging, config, classpath);
		} finally {
			fs.rmSync(config, {force: true});
		}
	});
	return template;
}

/** Give a copy of the storage template the node id `nodeId` and a directory id of its own (ids must differ per log folder). */
function renumberStorage(dataDir: string, nodeId: number): void {
	const meta = path.join(dataDir, 'meta.properties');
	const text = fs.readFileSync(meta, 'utf8')
		.replace(/^node\.id=.*$/m, `node.id=${nodeId}`)
		.replace(/^directory\.id=.*$/m, `directory.id=${clusterId()}`);
	fs.writeFileSync(meta, text);
}

/** Format the KRaft storage `config` names (its log.dirs is `dataDir`), with extra StorageTool arguments. */
function formatStorage(dataDir: string, config: string, classpath: string, extra: string[] = []): void {
	const result = spawnSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', config, ...extra], {
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`kafka-storage format of ${dataDir} failed:\n${outputOf(result)}`);
}

/**
 * JVM flags for a class-data-sharing archive of Kafka's classes, which halves the JVM's start: the first broker
 * writes it when it exits, later ones map it. A JDK that cannot use it warns and starts without it.
 */
function classArchive(cacheDir: string): {flags: string[]; exited: () => void} {
	const archive = path.join(cacheDir, 'kafka.jsa');
	removeOrphanDrafts(cacheDir);
	if (fs.existsSync(archive)) return {flags: [`-XX:SharedArchiveFile=${archive}`], exited: () => undefined};
	const draft = `${archive}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
	return {
		flags: [`-XX:ArchiveClassesAtExit=${draft}`],
		exited() {
			try {
				if (fs.existsSync(draft) && !fs.existsSync(archive)) fs.renameSync(draft, archive);
			} finally {
				fs.rmSync(draft, {force: true});
			}
		},
	};
}

/** Remove archive drafts whose writer has gone (a broker killed while writing one): ~50 MB each otherwise kept. */
function removeOrphanDrafts(cacheDir: string): void {
	for (const name of fs.readdirSync(cacheDir)) {
		const writer = /^kafka\.jsa\.tmp-(\d+)-/.exec(name);
		if (writer && !processRunning(Number(writer[1]))) fs.rmSync(path.join(cacheDir, name), {force: true});
	}
}

/** Whether a Kafka broker at `bootstrap` answers a metadata request naming its active controller (ready to use). */
export async function kafkaAnswers(bootstrap: string): Promise<boolean> {
	const admin = new Kafka({
		clientId: 'pubsub-tools-probe',
		brokers: [bootstrap],
		connectionTimeout: 1000,
		requestTimeout: 3000,
		retry: {retries: 0},
		logLevel: logLevel.NOTHING,
	}).admin();
	try {
		await admin.connect();
		// Ready means usable: a node back from a restart (or a SIGSTOP) answers metadata before its controller quorum
		// has a leader, and then names none (-1), where an idempotent producer or topic creation fails at once.
		const {controller, brokers} = await admin.describeCluster();
		return controller !== null && controller >= 0 && brokers.length > 0;
	} catch {
		return false;
	} finally {
		await admin.disconnect().catch(() => undefined);
	}
}

/** Start a single-node Kafka on 127.0.0.1; resolves once a client can connect. */
export async function startKafkaServer(options: KafkaServerOptions = {}): Promise<KafkaServer> {
	const problem = javaProblem();
	if (problem) throw new Error(problem);
	const progress = options.progress ?? (() => undefined);
	const cacheDir = options.cacheDir ?? kafkaCacheDir(options.version);
	const classpath = kafkaClasspath(cacheDir, progress, options.version);
	const template = storageTemplate(cacheDir, classpath, progress);
	const port = options.port ?? await freePort();
	const controllerPort = options.joins?.controllerPort ?? options.controllerPort ?? await freePort();
	if (await portOpen(port)) throw new Error(`Port ${port} is already in use on 127.0.0.1`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-tools-kafka-'));
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'server.log');
	const outFile = path.join(dir, 'jvm.out');
	const ssl = options.saslSsl && {name: 'SASL_SSL' as const, port: await freePort(), ...saslSslListener(dir, options.saslSsl.users)};
	const plaintext = options.saslPlaintext && {name: 'SASL_PLAINTEXT' as const, port: await freePort(), ...saslPlaintextListener(options.saslPlaintext.users)};
	const sasl: Array<SaslListenerAt & KafkaSaslListener> = [ssl, plaintext].filter(listener => listener !== undefined);
	const properties = path.join(dir, 'server.properties');
	fs.writeFileSync(properties, serverProperties(port, controllerPort, dataDir, sasl, options.joins?.nodeId, options.advertisedPort));
	// SCRAM users are stored when the storage is formatted: a broker with them gets a storage of its own.
	if (sasl.length > 0) formatStorage(dataDir, properties, classpath, sasl.flatMap(listener => listener.formatArgs));
	else fs.cpSync(template, dataDir, {recursive: true});
	// A joining broker: the template's cluster (every node started here has it), its own node and directory ids.
	if (options.joins) renumberStorage(dataDir, options.joins.nodeId);
	fs.writeFileSync(path.join(dir, 'log4j2.properties'), log4jProperties(logFile));
	const bootstrap = `127.0.0.1:${port}`;
	let jvm: LocalProcess | undefined;

	const up = async () => {
		let exit: number | null | undefined;
		const classes = classArchive(cacheDir);
		const started = await spawnLocal('java', [
			'-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError',
			...classes.flags,
			'-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${path.join(dir, 'log4j2.properties')}`,
			'-cp', classpath, 'kafka.Kafka', path.join(dir, 'server.properties'),
		], {logFile: outFile});
		jvm = started;
		void started.exited.then(code => {
			exit = code;
			classes.exited();
		});
		try {
			await waitUntil(async () => kafkaAnswers(bootstrap), {
				what: `Kafka on ${bootstrap}`,
				timeoutMs: 120_000,
				failed: () => exit === undefined ? undefined : `the JVM exited with ${String(exit)}:\n${tailOf(outFile)}\n${tailOf(logFile)}`,
			});
		} catch (error) {
			await started.stop(5000);
			throw error;
		}
	};

	const down = async () => {
		await jvm?.stop(30_000);
		jvm = undefined;
	};

	const saslSsl = ssl && {bootstrap: `127.0.0.1:${ssl.port}`, caFile: ssl.caFile!};
	const saslPlaintext = plaintext && {bootstrap: `127.0.0.1:${plaintext.port}`};
	return {...await startRestartable(dir, up, down), bootstrap, logFile, saslSsl, saslPlaintext, pid: () => jvm?.pid, controllerPort};
}

/** `npm run kafka`: start a broker on KAFKA_PORT (default 19092) and keep it until Ctrl-C. */
async function main(): Promise<void> {
	const port = Number(process.env.KAFKA_PORT ?? 19_092);
	const controllerPort = process.env.KAFKA_CONTROLLER_PORT ? Number(process.env.KAFKA_CONTROLLER_PORT) : undefined;
	const bootstrap = `127.0.0.1:${port}`;
	if (await kafkaAnswers(bootstrap)) {
		console.log(`Kafka already answers on ${bootstrap}: nothing to start (ready)`);
		return;
	}

	const began = Date.now();
	const server = await startKafkaServer({port, controllerPort, progress: message => console.error(`kafka: ${message}`)});
	const seconds = ((Date.now() - began) / 1000).toFixed(1);
	console.log(`Kafka ${kafkaVersion} ready: bootstrap ${server.bootstrap} (started in ${seconds} s; log ${server.logFile}; Ctrl-C stops it)`);
	stopOnSignals(server, () => console.error('kafka: stopping'));
}

runAsScript(import.meta.url, 'kafka', main, `Usage: node dist/scripts/kafka-server.js   (npm run kafka)
Starts Apache Kafka ${kafkaVersion} (KRaft) on 127.0.0.1 until Ctrl-C, unless one already answers there.
  KAFKA_PORT             client port (default 19092)
  KAFKA_CONTROLLER_PORT  KRaft controller port (default: a free one)
  PUBSUB_KAFKA_VERSION   the Kafka release to run, 4.0.1 or newer (default ${defaultKafkaVersion})`);
