<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\TemplateStore;

/** The site's templates table (TemplateStore). */
final class SiteTemplates implements TemplateLookup
{
    public function find(int $id): ?array
    {
        return TemplateStore::find($id);
    }
}
