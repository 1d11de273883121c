<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Autoloader;

/**
 * The autoloader against a source folder of its own, so every class it loads is one nothing else
 * (the bootstrap, another test) can have loaded before.
 */
final class AutoloaderTest extends TestCase
{
    private string $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/spp-autoload-' . bin2hex(random_bytes(6));
        mkdir($this->dir . '/Probe/Nested', 0700, true);
        file_put_contents($this->dir . '/Probe/Nested/Found.php', "<?php\nnamespace SupportProvisioningPortal\\Probe\\Nested;\nfinal class Found {}\n");
        file_put_contents($this->dir . '/Elsewhere.php', "<?php\nfinal class Elsewhere {}\n");
        Autoloader::register($this->dir);
    }

    protected function tearDown(): void
    {
        unlink($this->dir . '/Probe/Nested/Found.php');
        unlink($this->dir . '/Elsewhere.php');
        rmdir($this->dir . '/Probe/Nested');
        rmdir($this->dir . '/Probe');
        rmdir($this->dir);
    }

    public function testLoadsAClassOfThePluginNamespaceFromItsPathUnderTheSourceFolder(): void
    {
        $class = 'SupportProvisioningPortal\\Probe\\Nested\\Found';
        self::assertFalse(class_exists($class, false));
        self::assertTrue(class_exists($class));
    }

    public function testIgnoresClassesOutsideThePluginNamespaceAndMissingFiles(): void
    {
        self::assertFalse(class_exists('Elsewhere'));
        self::assertFalse(class_exists('SupportProvisioningPortal\\Probe\\Missing'));
    }
}
