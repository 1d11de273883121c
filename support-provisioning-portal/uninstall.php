<?php

/**
 * Removes the plugin's tables, options and user options, but only on sites whose admin opted in
 * ("Delete all portal data on uninstall" in the settings). Plain deactivation never gets here.
 */

defined('WP_UNINSTALL_PLUGIN') || exit;

require_once __DIR__ . '/src/Autoloader.php';
SupportProvisioningPortal\Autoloader::register(__DIR__ . '/src');

SupportProvisioningPortal\Store\Uninstaller::run();
