import assert from 'node:assert/strict';
import { api } from './api.ts';
import { query } from './db.ts';
import type { TestUser } from './users.ts';

export interface Deployment {
  id: number;
  name: string;
  status: string;
  step: string;
  templateId: number;
  templateName: string;
  ownerId: number;
  ownerLogin: string;
  vmid: number | null;
  memoryMb: number;
  neverExpire: boolean;
  ttlHours: number | null;
  expiresAt: string | null;
  ipAddresses: string[];
  lastError: string | null;
  allowedActions: string[];
  [key: string]: unknown;
}

/** The seeded template ids, by Proxmox VMID. */
export const templates = { pbx: 1, windows: 2, linux: 3 } as const;

export async function createDeployment(user: TestUser, body: Record<string, unknown> = {}): Promise<Deployment> {
  const response = await api<Deployment>(user, 'POST', '/deployments', { templateId: templates.linux, ...body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** Reads the deployment (which advances its pending steps) until it leaves PROVISIONING. */
export async function provisioned(user: TestUser, id: number): Promise<Deployment> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await api<Deployment>(user, 'GET', `/deployments/${id}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    if (response.body.status !== 'PROVISIONING') return response.body;
  }
  throw new Error(`Deployment ${id} is still provisioning`);
}

/**
 * Starts the deletion while a worker (as if on another server) holds the deployment, so it stays
 * DELETING until that claim runs out in an hour.
 */
export async function heldInDeletion(user: TestUser, id: number): Promise<void> {
  await query('UPDATE wp_spp_deployments SET claimed_until = DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 HOUR) WHERE id = ?', [id]);
  const response = await api<Deployment>(user, 'DELETE', `/deployments/${id}`);
  assert.equal(response.body.status, 'DELETING', JSON.stringify(response.body));
}
