<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests;

use PHPUnit\Framework\TestCase;

final class AutoloaderTest extends TestCase
{
    public function testLoadsPluginClassesByNamespace(): void
    {
        self::assertTrue(class_exists(\SupportProvisioningPortal\Autoloader::class));
        self::assertFalse(class_exists('SupportProvisioningPortal\\DoesNotExist'));
    }
}
