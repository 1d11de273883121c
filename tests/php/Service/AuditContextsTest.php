<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Service;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Service\AuditContexts;

/** Each request, and each bulk item inside it, describes its audit row into a context of its own. */
final class AuditContextsTest extends TestCase
{
    public function testDescribeNamesTheObjectKeepsTheDeploymentAndAddsDetails(): void
    {
        $context = (new AuditContexts())->current();
        $context->describe('deployment', 7, 7, ['a' => 1]);
        $context->describe('share', 'bob', null, ['a' => 2, 'b' => 3]);
        $context->addDetails(['c' => 4]);

        self::assertSame(['share', 'bob', 7], [$context->objectType(), $context->objectId(), $context->deploymentId()]);
        self::assertSame(['c' => 4, 'a' => 2, 'b' => 3], $context->details());
    }

    public function testAnItemsContextIsItsOwnAndTheRequestsComesBack(): void
    {
        $contexts = new AuditContexts();
        $request = $contexts->open();
        $request->describe('bulk', 'stop', null, ['count' => 2]);

        $item = $contexts->open();
        $contexts->current()->describe('deployment', 5, 5);
        self::assertSame([], $item->details(), 'nothing of the request leaks into the item');

        self::assertSame($item, $contexts->close());
        self::assertSame($request, $contexts->current());
        self::assertSame(['count' => 2], $contexts->close()->details());
        self::assertNull($contexts->current()->objectType(), 'a fresh context once every one is closed');
    }
}
