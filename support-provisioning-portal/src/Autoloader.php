<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

/**
 * PSR-4 autoloader for the plugin's namespace: the plugin ships without Composer.
 */
final class Autoloader
{
    private const PREFIX = __NAMESPACE__ . '\\';

    /**
     * Ahead of the autoloaders registered before it (WordPress's own for Requests): a request loads
     * up to a hundred of the plugin's classes, and each would ask those first.
     */
    public static function register(string $sourceDir): void
    {
        spl_autoload_register(static function (string $class) use ($sourceDir): void {
            if (!str_starts_with($class, self::PREFIX)) {
                return;
            }
            $file = $sourceDir . '/' . str_replace('\\', '/', substr($class, strlen(self::PREFIX))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }, true, true);
    }
}
