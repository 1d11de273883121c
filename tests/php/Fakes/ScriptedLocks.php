<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Store\Lock;
use SupportProvisioningPortal\Store\Locks;

/** Site locks that are granted, or refused as if another worker held them past the timeout. */
final class ScriptedLocks implements Locks
{
    public bool $refuse = false;
    /** @var list<string> purposes asked for, in order */
    public array $asked = [];
    /** @var array<string, int> purpose => holders that have not released */
    public array $held = [];

    public function acquire(string $purpose, int $timeoutSeconds): ?Lock
    {
        $this->asked[] = $purpose;
        if ($this->refuse) {
            return null;
        }
        $this->held[$purpose] = ($this->held[$purpose] ?? 0) + 1;
        return new class ($this, $purpose) implements Lock {
            public function __construct(private readonly ScriptedLocks $locks, private readonly string $purpose)
            {
            }

            public function release(): void
            {
                $this->locks->held[$this->purpose]--;
            }
        };
    }
}
