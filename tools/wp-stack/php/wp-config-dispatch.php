<?php

// Local stack only: one WordPress core serves several sites; the environment names the site.
$sppSiteConfig = getenv('SPP_WP_SITE_CONFIG');
if (!is_string($sppSiteConfig) || !is_file($sppSiteConfig)) {
    header('HTTP/1.1 500 Internal Server Error');
    exit('This WordPress core is served by the local stack: SPP_WP_SITE_CONFIG must name a site configuration.');
}
require $sppSiteConfig;
