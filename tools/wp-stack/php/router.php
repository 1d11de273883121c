<?php

// Router for PHP's built-in server: real files are served as they are, everything else goes
// to WordPress's front controller (pretty permalinks, /wp-json/).
$path = urldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$target = $_SERVER['DOCUMENT_ROOT'] . $path;
if ($path !== '/' && (is_file($target) || is_file(rtrim($target, '/') . '/index.php'))) {
    return false;
}
// The built-in server runs a router script without PHP's auto_prepend_file; honour it here
// (the benchmark's profiler is one).
$prepend = (string) ini_get('auto_prepend_file');
if ($prepend !== '') {
    require_once $prepend;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['SCRIPT_FILENAME'];
