// KafkaLagReader against a stand-in admin client: on a cluster of hundreds of groups every listed group is checked in
// turn, a bounded number a refresh, and the groups that committed on the topics read are asked every refresh.
import type {Admin} from 'kafkajs';
import {describe, expect, it} from 'vitest';
import {KafkaLagReader} from '../../../../source/core/sources/kafka/lag.js';

/** A cluster of `groups` (all consumer groups), the topics' high watermark 10 on partition 0, commits by group and topic. */
function cluster(groups: string[], commits: Map<string, Map<string, number>>) {
	const asked: string[][] = [];
	let refresh: string[] = [];
	const admin = {
		async listGroups() {
			asked.push(refresh = []);
			return {groups: groups.map(groupId => ({groupId, protocolType: 'consumer'}))};
		},
		async fetchTopicOffsets() {
			return [{partition: 0, offset: '10', high: '10', low: '0'}];
		},
		async fetchOffsets({groupId, topics}: {groupId: string; topics: string[]}) {
			refresh.push(groupId);
			return topics.map(topic => ({topic, partitions: [{partition: 0, offset: String(commits.get(groupId)?.get(topic) ?? -1), metadata: null}]}));
		},
	};
	return {admin: admin as unknown as Admin, asked};
}

const names = (count: number, prefix: string) => Array.from({length: count}, (_, index) => `${prefix}-${String(index).padStart(3, '0')}`);

describe('KafkaLagReader', () => {
	it('finds every group reading our topics among 300, 50 others checked a refresh, the readers asked every refresh', async () => {
		const groups = names(300, 'g');
		const commits = new Map([['g-120', new Map([['orders', 4]])], ['g-299', new Map([['orders', 7]])]]);
		const {admin, asked} = cluster(groups, commits);
		const reader = new KafkaLagReader();
		const unchecked: number[] = [];
		for (let refresh = 0; refresh < 6; refresh++) unchecked.push((await reader.refresh(admin, ['orders'])).unchecked);
		expect(unchecked).toEqual([250, 200, 150, 100, 50, 0]);
		expect(asked.map(groupIds => groupIds.length)).toEqual([50, 50, 50, 51, 51, 51]);
		// Every group was asked once the sweep is over.
		expect(new Set(asked.flat()).size).toBe(300);
		const lag = await reader.refresh(admin, ['orders']);
		expect(lag).toEqual({
			entries: [
				{group: 'g-120', topic: 'orders', lag: 6, partitions: [{partition: 0, end: 10, committed: 4, lag: 6}]},
				{group: 'g-299', topic: 'orders', lag: 3, partitions: [{partition: 0, end: 10, committed: 7, lag: 3}]},
			],
			missingGroups: [],
			cut: [],
			unchecked: 0,
		});
		// The readers first, then the next 50 others in turn (from where the sweep ended, wrapping round).
		expect(asked.at(-1)!.slice(0, 2)).toEqual(['g-120', 'g-299']);
		expect(asked.at(-1)!.slice(2)).toEqual(names(50, 'g').filter(group => group !== 'g-120' && group !== 'g-299').slice(0, 50));
	});

	it('drops a group that no longer commits on our topics, and checks a newly listed group at the next refresh', async () => {
		const groups = names(60, 'g');
		const commits = new Map([['g-059', new Map([['orders', 4]])]]);
		const {admin, asked} = cluster(groups, commits);
		const reader = new KafkaLagReader();
		await reader.refresh(admin, ['orders']);
		expect((await reader.refresh(admin, ['orders'])).entries.map(entry => entry.group)).toEqual(['g-059']);
		commits.delete('g-059');
		groups.push('new-app');
		commits.set('new-app', new Map([['orders', 9]]));
		const lag = await reader.refresh(admin, ['orders']);
		expect(asked.at(-1)![0]).toBe('g-059');
		expect(asked.at(-1)).toContain('new-app');
		expect(lag.entries.map(entry => entry.group)).toEqual(['new-app']);
		expect(lag.unchecked).toBe(0);
	});

	it('says what its bounds left out: topics past 100, groups past 50 that commit on our topics', async () => {
		const groups = names(55, 'g');
		const commits = new Map(groups.map(group => [group, new Map([['t-000', 0]])]));
		const topics = names(102, 't');
		const {admin} = cluster(groups, commits);
		const reader = new KafkaLagReader();
		await reader.refresh(admin, topics);
		const lag = await reader.refresh(admin, topics);
		expect(lag.cut).toEqual([
			'consumer-group lag of the first 100 topics read only',
			'more than 50 consumer groups committed on the topics read: lag of the first 50 by name only',
		]);
		expect(lag.entries.map(entry => entry.group)).toEqual(groups.slice(0, 50));
	});

	it('says nothing of groups that commit on other topics only', async () => {
		const groups = names(120, 'g');
		const {admin} = cluster(groups, new Map(groups.map(group => [group, new Map([['payments', 1]])])));
		const reader = new KafkaLagReader();
		let lag = await reader.refresh(admin, ['orders']);
		while (lag.unchecked > 0) lag = await reader.refresh(admin, ['orders']);
		expect(lag).toEqual({entries: [], missingGroups: [], cut: [], unchecked: 0});
	});
});
