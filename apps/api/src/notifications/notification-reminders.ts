import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { addDays, computeRehabChain, type Milestone, REHAB_MILESTONE_KEYS } from '@atergang/domain';
import { stockholmInstant, stockholmToday, toIsoDate } from '../common/calendar';
import type { RangeRow } from '../events/events.repository';
import { TransactionRunner, type Tx, type UnitOfWork } from '../prisma/transaction';
import { JobQueue } from './job-queue';
import { NotificationDelivery } from './notification-delivery';
import { NotificationRecipients } from './notification-recipients';
import { REMINDER_HOUR } from './notification-schedule';
import { NotificationVisibility } from './notification-visibility';

/** Reminder jobs: each keyed by its reason, so a change moves or removes it. */
export const REMINDER_JOBS = {
  task: 'remind-task',
  meeting: 'remind-meeting',
  milestone: 'remind-milestone',
} as const;

/** A deadline of the chain is announced a week ahead. */
const MILESTONE_NOTICE_DAYS = 7;
/** The parties whose own deadlines the chain sets (the employer's report and plan; FK's assessments). */
const MILESTONE_OWNERS = new Set(['EMPLOYER', 'FK']);
/** Tasks in these states are no one's to do any more. */
const CLOSED_TASK = new Set(['DONE', 'CANCELLED']);

const taskJobSchema = z.object({
  taskId: z.uuid(),
  dueDate: z.iso.date(),
  kind: z.enum(['task.due-soon', 'task.overdue']),
});
const meetingJobSchema = z.object({ meetingId: z.uuid(), start: z.iso.datetime() });
const milestoneJobSchema = z.object({
  workspaceId: z.uuid(),
  key: z.string().min(1),
  date: z.iso.date(),
});

const taskKey = (taskId: string, kind: string): string => `remind:${kind}:${taskId}`;
const meetingKey = (meetingId: string): string => `remind:meeting:${meetingId}`;
const milestoneKey = (workspaceId: string, key: string): string =>
  `remind:milestone:${workspaceId}:${key}`;

/**
 * Reminders: a task due tomorrow and one past its date (08:00 Swedish time), a meeting the
 * day before, a deadline of the rehabilitation chain a week ahead. Each is one job in the
 * queue under a key of its reason; every change to the reason re-plans it (`reconcileFor`,
 * called for each event by the producer), so a task done or moved, a meeting moved or
 * cancelled, moves or removes its reminder. When a reminder runs it checks its reason once
 * more (still open, still that date, the case still active) and judges each person then.
 */
@Injectable()
export class NotificationReminders {
  constructor(
    private readonly queue: JobQueue,
    private readonly transactions: TransactionRunner,
    private readonly recipients: NotificationRecipients,
    private readonly visibility: NotificationVisibility,
    private readonly delivery: NotificationDelivery,
  ) {
    queue.register(REMINDER_JOBS.task, (payload) => this.remindTask(taskJobSchema.parse(payload)));
    queue.register(REMINDER_JOBS.meeting, (payload) =>
      this.remindMeeting(meetingJobSchema.parse(payload)),
    );
    queue.register(REMINDER_JOBS.milestone, (payload) =>
      this.remindMilestone(milestoneJobSchema.parse(payload)),
    );
  }

  /** Re-plans the reminders an event's item has. */
  async reconcileFor(unit: UnitOfWork, event: RangeRow): Promise<void> {
    const id = (event.payload as Record<string, unknown> | null)?.['id'];
    if (typeof id !== 'string') return;
    if (event.type === 'task.created' || event.type === 'task.updated') {
      await this.reconcileTask(unit.tx, id);
    } else if (
      event.type === 'meeting.scheduled' ||
      event.type === 'meeting.cancelled' ||
      event.type === 'meeting.moved' ||
      event.type === 'meeting.reopened'
    ) {
      await this.reconcileMeeting(unit.tx, id);
    } else if (
      event.type === 'workspace.created' ||
      event.type === 'plan.signed' ||
      event.type === 'plan.not-needed.recorded' ||
      event.type === 'case.facts-changed' ||
      event.type === 'case.closed'
    ) {
      await this.reconcileMilestones(unit.tx, event.workspaceId);
    } else if (event.type === 'case.reopened') {
      // Reminders that came due while the case was closed were dropped: plan them again.
      await this.reconcileMilestones(unit.tx, event.workspaceId);
      const open = await unit.tx.task.findMany({
        where: { workspaceId: event.workspaceId, status: { in: ['OPEN', 'IN_PROGRESS'] } },
        select: { id: true },
      });
      for (const task of open) await this.reconcileTask(unit.tx, task.id);
    }
  }

  async reconcileTask(tx: Tx, taskId: string): Promise<void> {
    const task = await tx.task.findUnique({ where: { id: taskId } });
    const open = task && !CLOSED_TASK.has(task.status) && task.dueDate;
    for (const [kind, offset] of [
      ['task.due-soon', -1],
      ['task.overdue', 1],
    ] as const) {
      const key = taskKey(taskId, kind);
      if (!open || !task.dueDate) {
        await this.queue.remove(tx, key);
        continue;
      }
      const dueDate = toIsoDate(task.dueDate);
      const runAt = stockholmInstant(addDays(dueDate, offset), REMINDER_HOUR);
      if (runAt.getTime() <= Date.now()) {
        await this.queue.remove(tx, key);
        continue;
      }
      await this.queue.add(
        tx,
        REMINDER_JOBS.task,
        { taskId, dueDate, kind },
        { runAt, jobKey: key },
      );
    }
  }

  async reconcileMeeting(tx: Tx, meetingId: string): Promise<void> {
    const meeting = await tx.meeting.findUnique({
      where: { id: meetingId },
      include: { slots: true },
    });
    const slot = meeting?.slots.find((candidate) => candidate.id === meeting.scheduledSlotId);
    const runAt = slot ? new Date(slot.start.getTime() - 24 * 60 * 60 * 1000) : null;
    if (
      !meeting ||
      meeting.status !== 'SCHEDULED' ||
      !slot ||
      !runAt ||
      runAt.getTime() <= Date.now()
    ) {
      await this.queue.remove(tx, meetingKey(meetingId));
      return;
    }
    await this.queue.add(
      tx,
      REMINDER_JOBS.meeting,
      { meetingId, start: slot.start.toISOString() },
      { runAt, jobKey: meetingKey(meetingId) },
    );
  }

  async reconcileMilestones(tx: Tx, workspaceId: string): Promise<void> {
    const { upcoming } = await this.milestones(tx, workspaceId);
    // A deadline met, passed, settled (the plan made) or gone with the facts (no employer,
    // the case closed) is announced no more.
    for (const key of REHAB_MILESTONE_KEYS) {
      if (!upcoming.some((milestone) => milestone.key === key && milestone.date)) {
        await this.queue.remove(tx, milestoneKey(workspaceId, key));
      }
    }
    for (const milestone of upcoming) {
      if (!milestone.date) continue;
      const noticeDay = addDays(milestone.date, -MILESTONE_NOTICE_DAYS);
      const runAt = stockholmInstant(noticeDay, REMINDER_HOUR);
      await this.queue.add(
        tx,
        REMINDER_JOBS.milestone,
        { workspaceId, key: milestone.key, date: milestone.date },
        {
          // A deadline nearer than a week is announced at once.
          runAt: runAt.getTime() > Date.now() ? runAt : new Date(),
          jobKey: milestoneKey(workspaceId, milestone.key),
        },
      );
    }
  }

  private async remindTask(job: z.infer<typeof taskJobSchema>): Promise<void> {
    await this.transactions.run(async (unit) => {
      const task = await unit.tx.task.findUnique({
        where: { id: job.taskId },
        include: { workspace: { select: { status: true } } },
      });
      // The reason is gone: done, cancelled, moved, or the case closed.
      if (
        !task ||
        CLOSED_TASK.has(task.status) ||
        !task.dueDate ||
        toIsoDate(task.dueDate) !== job.dueDate ||
        task.workspace.status !== 'ACTIVE'
      ) {
        return;
      }
      const members = await this.recipients.members(unit.tx, task.workspaceId);
      const recipients = members.filter((member) =>
        task.assigneeParticipantId
          ? member.participantId === task.assigneeParticipantId
          : member.party === task.assigneeParty,
      );
      const subject = { type: 'Task' as const, id: task.id, workspaceId: task.workspaceId };
      for (const recipient of recipients) {
        const verdict = await this.visibility.judge(recipient, subject, unit.tx);
        if (!verdict.visible) continue;
        await this.delivery.deliver(
          unit,
          {
            recipient,
            kind: job.kind,
            subject,
            params: { dueDate: job.dueDate },
            dedupeKey: `${job.kind}:${task.id}:${job.dueDate}:${recipient.userId}`,
          },
          verdict,
        );
      }
    });
  }

  private async remindMeeting(job: z.infer<typeof meetingJobSchema>): Promise<void> {
    await this.transactions.run(async (unit) => {
      const meeting = await unit.tx.meeting.findUnique({
        where: { id: job.meetingId },
        include: { slots: true, invitees: true, workspace: { select: { status: true } } },
      });
      const slot = meeting?.slots.find((candidate) => candidate.id === meeting.scheduledSlotId);
      if (
        !meeting ||
        meeting.status !== 'SCHEDULED' ||
        slot?.start.toISOString() !== job.start ||
        meeting.workspace.status !== 'ACTIVE'
      ) {
        return;
      }
      const inviteeIds = new Set(meeting.invitees.map((invitee) => invitee.participantId));
      const members = await this.recipients.members(unit.tx, meeting.workspaceId);
      const subject = {
        type: 'Meeting' as const,
        id: meeting.id,
        workspaceId: meeting.workspaceId,
      };
      for (const recipient of members.filter((member) => inviteeIds.has(member.participantId))) {
        const verdict = await this.visibility.judge(recipient, subject, unit.tx);
        if (!verdict.visible) continue;
        await this.delivery.deliver(
          unit,
          {
            recipient,
            kind: 'meeting.reminder',
            subject,
            params: { start: job.start },
            dedupeKey: `meeting.reminder:${meeting.id}:${job.start}:${recipient.userId}`,
          },
          verdict,
        );
      }
    });
  }

  private async remindMilestone(job: z.infer<typeof milestoneJobSchema>): Promise<void> {
    await this.transactions.run(async (unit) => {
      const { upcoming } = await this.milestones(unit.tx, job.workspaceId);
      const milestone = upcoming.find(
        (candidate) => candidate.key === job.key && candidate.date === job.date,
      );
      if (!milestone?.owner) return;
      const members = await this.recipients.members(unit.tx, job.workspaceId);
      const subject = { type: 'Milestone' as const, id: job.key, workspaceId: job.workspaceId };
      for (const recipient of members.filter((member) => member.party === milestone.owner)) {
        const verdict = await this.visibility.judge(recipient, subject, unit.tx);
        if (!verdict.visible) continue;
        await this.delivery.deliver(
          unit,
          {
            recipient,
            kind: 'rehab.deadline-coming',
            subject,
            params: {
              milestoneTitleSv: milestone.titleSv,
              milestoneTitleEn: milestone.titleEn,
              milestoneDate: milestone.date ?? job.date,
              milestoneDay: milestone.day,
              legalSource: milestone.legalSource,
            },
            dedupeKey: `rehab.deadline-coming:${job.workspaceId}:${job.key}:${job.date}:${recipient.userId}`,
          },
          verdict,
        );
      }
    });
  }

  /**
   * The chain's deadlines still ahead that a party must meet, in an active case: the plan's
   * only while no plan is established and no "not needed" is recorded.
   */
  private async milestones(
    tx: Tx,
    workspaceId: string,
  ): Promise<{ all: Milestone[]; upcoming: Milestone[] }> {
    const workspace = await tx.workspace.findUnique({
      where: { id: workspaceId },
      select: {
        status: true,
        sickPeriodStart: true,
        earlierSickDays: true,
        employmentStatus: true,
        planNotNeededReason: true,
        planSignoffs: { where: { decision: 'ESTABLISHED' }, select: { id: true }, take: 1 },
      },
    });
    if (!workspace) return { all: [], upcoming: [] };
    const chain = computeRehabChain({
      sickPeriodStart: toIsoDate(workspace.sickPeriodStart),
      earlierSickDays: workspace.earlierSickDays,
      today: stockholmToday(),
      employmentStatus: workspace.employmentStatus,
    });
    const planSettled = workspace.planNotNeededReason !== null || workspace.planSignoffs.length > 0;
    if (workspace.status !== 'ACTIVE') return { all: chain.milestones, upcoming: [] };
    const upcoming = chain.milestones.filter(
      (milestone) =>
        milestone.status !== 'PASSED' &&
        milestone.owner !== null &&
        MILESTONE_OWNERS.has(milestone.owner) &&
        !(milestone.key === 'RETURN_TO_WORK_PLAN' && planSettled),
    );
    return { all: chain.milestones, upcoming };
  }
}
