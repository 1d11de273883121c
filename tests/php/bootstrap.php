<?php

declare(strict_types=1);

// Unit tests cover the pure PHP layers (Domain and friends); they load no WordPress.
require_once dirname(__DIR__, 2) . '/support-provisioning-portal/src/Autoloader.php';
SupportProvisioningPortal\Autoloader::register(dirname(__DIR__, 2) . '/support-provisioning-portal/src');
