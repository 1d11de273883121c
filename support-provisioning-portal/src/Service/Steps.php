<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The names of the steps a deployment works through in the background. A non-empty step means
 * work is in flight; the worker advances it on cron ticks and on reads.
 */
final class Steps
{
    // Provisioning (status PROVISIONING).
    public const CLONE = 'clone';
    /** The clone POST got no answer: find the VM it may have made under the recorded VMID. */
    public const CLONE_ADOPT = 'clone_adopt';
    public const CLONE_WAIT = 'clone_wait';
    public const CONFIGURE = 'configure';
    public const START = 'start';
    public const START_WAIT = 'start_wait';
    // Failed provisioning: remove what was cloned (status FAILED).
    public const CLEANUP = 'cleanup';
    public const CLEANUP_STOP_WAIT = 'cleanup_stop_wait';
    public const CLEANUP_WAIT = 'cleanup_wait';
    // Deletion (status DELETING).
    public const DELETE = 'delete';
    public const DELETE_STOP_WAIT = 'delete_stop_wait';
    public const DESTROY_WAIT = 'destroy_wait';
    // Expiry (status EXPIRED): stop, then protect.
    public const EXPIRE_STOP = 'expire_stop';
    public const EXPIRE_STOP_WAIT = 'expire_stop_wait';
    // Provisioning's baseline snapshot, after configure (status PROVISIONING).
    public const BASELINE = 'baseline';
    public const BASELINE_WAIT = 'baseline_wait';
    // A user's snapshot work (status STOPPED or RUNNING; what to do is in snapshot_job).
    public const SNAPSHOT = 'snapshot';
    public const SNAPSHOT_WAIT = 'snapshot_wait';
    public const DONE = '';
}
