<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The portal's approved templates as a create reads them. SiteTemplates in the plugin (the site's
 * templates table); the fast tests hold them in memory.
 */
interface TemplateLookup
{
    /** @return array<string, int|string>|null the template's columns, typed as TemplateStore types them */
    public function find(int $id): ?array;
}
