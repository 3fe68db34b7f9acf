import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PrismaService } from './prisma.service';

/** A database handle inside an interactive transaction; repositories take it explicitly. */
export type Tx = Prisma.TransactionClient;

/**
 * Runs work in one interactive transaction. Services use it to write a change, its
 * workspace event and its audit row together (architecture.md: pass `tx` explicitly).
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
  }
}
