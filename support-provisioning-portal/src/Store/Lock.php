<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/** A held lock (Locks::acquire()). */
interface Lock
{
    public function release(): void;
}
