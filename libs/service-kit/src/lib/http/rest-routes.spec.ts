import { Controller, Get, Post } from '@nestjs/common';
import { RestRoles, restRoutes } from './rest-routes';

@Controller('hsds')
class Example {
  @Get()
  @RestRoles('link-worker', 'analyst')
  info() {
    return {};
  }

  @Get('services/:id')
  service() {
    return {};
  }

  @Post('import')
  @RestRoles('org-admin')
  importDocument() {
    return {};
  }

  helper() {
    return 'not a route';
  }
}

@Controller()
class Root {
  @Get(['a', 'b/'])
  twice() {
    return {};
  }
}

describe('restRoutes', () => {
  it("reads every route from Nest's metadata, with the controller's prefix and its declared roles; methods without a route are not routes", () => {
    expect(restRoutes([Example, Root])).toEqual([
      { method: 'GET', path: '/hsds', roles: ['link-worker', 'analyst'] },
      { method: 'GET', path: '/hsds/services/:id', roles: [] },
      { method: 'POST', path: '/hsds/import', roles: ['org-admin'] },
      { method: 'GET', path: '/a', roles: [] },
      { method: 'GET', path: '/b', roles: [] },
    ]);
  });
});
