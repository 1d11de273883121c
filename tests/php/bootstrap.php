<?php

declare(strict_types=1);

// Unit tests cover the pure PHP layers (Domain and friends) and the worker's state machine against
// fakes (tests/php/Fakes); they load no WordPress.
require_once dirname(__DIR__, 2) . '/support-provisioning-portal/src/Autoloader.php';
SupportProvisioningPortal\Autoloader::register(dirname(__DIR__, 2) . '/support-provisioning-portal/src');
spl_autoload_register(static function (string $class): void {
    $prefix = 'SupportProvisioningPortal\\Tests\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
require_once __DIR__ . '/Fakes/wordpress-text.php';
