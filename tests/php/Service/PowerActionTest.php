<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Service;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Service\PowerAction;

final class PowerActionTest extends TestCase
{
    /** qemu-server's config_aware_timeout: 30 s, or a second per GiB above 30 GiB of RAM. */
    public function testWaitsAsLongAsProxmoxDoes(): void
    {
        self::assertSame(30, PowerAction::timeoutSeconds(2048));
        self::assertSame(30, PowerAction::timeoutSeconds(30720));
        self::assertSame(64, PowerAction::timeoutSeconds(65536));
        self::assertSame(512, PowerAction::timeoutSeconds(524288));
    }
}
