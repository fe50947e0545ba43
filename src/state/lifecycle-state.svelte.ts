/**
 * "Run the full lifecycle on sample data": every stage on the built-in sample project, one after another,
 * through the same state verbs the tabs use (so this is the app working, not a demo path): define,
 * prepare, features, train, evaluate, deploy, monitor with the drifted next-month batch, and retrain. Each
 * stage's result goes on the timeline as it lands, so a reload shows the last run whole.
 */
import { SAMPLE_PROJECT } from '../core/sample/sample-project.ts';
import type { TimelineRecord } from '../core/records.ts';
import type { AppState } from './app-state.svelte.ts';
import { serveWorker } from './workers.ts';

export const LIFECYCLE_STAGES = [
  'define',
  'prepare',
  'features',
  'train',
  'evaluate',
  'deploy',
  'monitor',
  'retrain',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface StageState {
  stage: LifecycleStage;
  status: 'pending' | 'running' | 'done' | 'failed';
  result: string;
}

export const LIFECYCLE_COMPLETE = 'Full lifecycle complete';

const pending = (): StageState[] =>
  LIFECYCLE_STAGES.map((stage) => ({ stage, status: 'pending', result: '' }));

export class LifecycleState {
  readonly #app: AppState;
  stages = $state.raw<StageState[]>(pending());
  running = $state(false);
  status = $state('');

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Shows the last full-lifecycle run of the current project, from its timeline. */
  async load(): Promise<void> {
    const projectId = this.#app.projectId;
    if (!projectId || this.running) return;
    const events = await this.#app.storage.listTimeline(projectId);
    const start = events.findLastIndex((e) => e.kind === 'lifecycle-started');
    if (start < 0) {
      this.stages = pending();
      this.status = '';
      return;
    }
    const run = events.slice(start);
    this.stages = LIFECYCLE_STAGES.map((stage) => {
      const event = run.findLast(
        (e: TimelineRecord) => e.kind === 'lifecycle-stage' && e.data?.stage === stage,
      );
      return event
        ? {
            stage,
            status: event.data!.status as StageState['status'],
            result: String(event.data!.result ?? ''),
          }
        : { stage, status: 'pending', result: '' };
    });
    const end = run.findLast((e) => e.kind === 'lifecycle-complete' || e.kind === 'lifecycle-failed');
    this.status = end?.message ?? 'The last run did not finish (the tab closed or it was interrupted).';
  }

  async run(): Promise<void> {
    if (this.running) return;
    const app = this.#app;
    this.running = true;
    this.status = '';
    this.stages = pending();
    let current: LifecycleStage = 'define';
    try {
      let project = app.projects.find((p) => p.sample);
      if (!project) {
        await app.createSampleProject();
        project = app.projects.find((p) => p.sample);
      }
      if (!project) throw new Error('The sample project could not be created.');
      await app.selectProject(project.id);
      const projectId = project.id;
      const storage = app.storage;
      const log = (kind: string, message: string, data?: Record<string, unknown>) =>
        storage.addTimelineEvent(projectId, kind, message, data);
      await log('lifecycle-started', 'Full lifecycle on the sample data started');
      const { training, nextMonth } = SAMPLE_PROJECT.datasets;
      const datasetNamed = (name: string) => {
        const found = app.datasets.find((d) => d.name === name);
        if (!found) throw new Error(`The sample dataset ${name} is missing.`);
        return found;
      };
      const trainingSet = datasetNamed(training.name);
      const nextSet = datasetNamed(nextMonth.name);
      const stage = async (name: LifecycleStage, work: () => Promise<string>) => {
        current = name;
        this.#set(name, 'running', '');
        const result = await work();
        this.#set(name, 'done', result);
        await log('lifecycle-stage', `${name}: ${result}`, { stage: name, status: 'done', result });
      };

      const work = app.work;
      await stage('define', async () => {
        app.selectDataset(trainingSet.id);
        await work.open(trainingSet.id);
        await work.chooseTarget(SAMPLE_PROJECT.target);
        work.positiveClass = SAMPLE_PROJECT.positiveClass;
        work.metricName = 'roc_auc';
        work.metricTarget = 0.7;
        work.usage = 'real-time';
        if (!(await work.saveProblem())) throw new Error(work.problemErrors.join(' '));
        return `predict ${SAMPLE_PROJECT.target} = ${SAMPLE_PROJECT.positiveClass} (binary), ROC AUC ≥ 0.7; problem card v${work.problem!.version}`;
      });
      await stage('prepare', async () => {
        for (const suggestion of work.pending) work.accept(suggestion);
        await work.saveRecipe();
        const preview = work.preview;
        if (!work.recipe || !preview)
          throw new Error(work.previewing.error ?? 'The recipe could not be saved.');
        return `${work.steps.length} cleaning steps, ${preview.rowsBefore} → ${preview.rowsAfter} rows; split ${preview.kept.train} / ${preview.kept.validation} / ${preview.kept.test} (test sealed)`;
      });
      const train = app.train;
      await stage('features', async () => {
        train.prepareFeatures();
        if (!train.features) throw new Error('No features could be suggested.');
        const used = train.features.transforms.filter((t) => t.kind !== 'drop');
        const kinds = used.map((t) => t.kind).filter((kind, i, all) => all.indexOf(kind) === i);
        return `${used.length} input columns encoded (${kinds.join(', ')})`;
      });
      await stage('train', async () => {
        train.families = ['baseline', 'linear', 'mlp'];
        train.strategy = 'random';
        train.randomTrials = 2;
        train.maxEpochs = 20;
        train.budgetS = 90;
        train.stopAtTarget = false;
        await train.start();
        if (train.status !== 'done' || !train.summary?.bestRunId) throw new Error(train.error || train.phase);
        const best = train.runs.find((r) => r.id === train.summary!.bestRunId)!;
        return `${train.summary.runIds.length} runs on ${train.summary.backend}; best ${best.name}, validation ROC AUC ${best.score?.toFixed(4)}`;
      });
      const bestId = train.summary!.bestRunId!;
      await stage('evaluate', async () => {
        const best = await storage.getRun(bestId);
        const auc = best?.test?.roc_auc;
        if (auc === undefined) throw new Error('The best run has no test metrics.');
        return `ROC AUC ${auc.toFixed(4)} on the sealed test rows (target 0.7: ${auc >= 0.7 ? 'met' : 'missed'})`;
      });
      const models = app.models;
      await stage('deploy', async () => {
        await models.register(bestId);
        await models.load();
        const version = models.versions.find((v) => v.runId === bestId);
        if (!version) throw new Error(models.error || 'The best run could not be registered.');
        await models.setAlias('champion', version.id, 'full lifecycle: best run');
        await serveWorker.call('openDeployment', [projectId]);
        return `registered as v${version.version} and made the champion; the serve worker has it loaded`;
      });
      await stage('monitor', async () => {
        const replay = await serveWorker.call('replayDataset', [
          projectId,
          nextSet.id,
          SAMPLE_PROJECT.idColumn,
        ]);
        const snapshot = await app.monitor.check({ kind: 'log' });
        if (!snapshot) throw new Error(app.monitor.error);
        const drift = snapshot.drift;
        const realised = snapshot.realised.at(-1);
        return [
          `${replay.requests} requests from ${nextMonth.name} served and logged with their labels`,
          drift
            ? `${drift.drifted} of ${drift.counted} features drifted (${drift.datasetDrift ? 'dataset drift' : 'no dataset drift'})`
            : 'no drift reference',
          realised?.value !== undefined
            ? `realised ROC AUC ${realised.value.toFixed(4)} vs ${snapshot.atDeployment.value?.toFixed(4)} at deployment`
            : 'no realised metric',
          `${snapshot.fired.length} alert(s)`,
        ].join('; ');
      });
      await stage('retrain', async () => {
        const summary = await app.retrain.run(
          'full lifecycle',
          { kind: 'dataset', datasetId: nextSet.id },
          { maxEpochs: 20 },
        );
        if (!summary) throw new Error(app.retrain.error);
        const test = (s?: Record<string, number>) => s?.roc_auc?.toFixed(4) ?? '—';
        return summary.action === 'promote'
          ? `challenger v${summary.challenger?.version} (test ROC AUC ${test(summary.challenger?.test)}) beat the champion (${test(summary.champion.test)}): deployed in ${summary.deployedAs}`
          : `kept the champion (${test(summary.champion.test)}) over v${summary.challenger?.version ?? '—'} (${test(summary.challenger?.test)}): ${summary.reason}`;
      });
      await log('lifecycle-complete', LIFECYCLE_COMPLETE);
      this.status = LIFECYCLE_COMPLETE;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#set(current, 'failed', message);
      this.status = `The ${current} stage failed: ${message}`;
      const projectId = app.projectId;
      if (projectId) {
        await app.storage.addTimelineEvent(projectId, 'lifecycle-stage', `${current}: ${message}`, {
          stage: current,
          status: 'failed',
          result: message,
        });
        await app.storage.addTimelineEvent(projectId, 'lifecycle-failed', this.status);
      }
    } finally {
      this.running = false;
    }
  }

  #set(stage: LifecycleStage, status: StageState['status'], result: string): void {
    this.stages = this.stages.map((s) => (s.stage === stage ? { stage, status, result } : s));
  }
}
