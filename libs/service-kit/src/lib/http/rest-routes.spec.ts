import { Controller, Get, Post } from '@nestjs/common';
import { restRoutes } from './rest-routes';

@Controller('hsds')
class Example {
  @Get()
  info() {
    return {};
  }

  @Get('services/:id')
  service() {
    return {};
  }

  @Post('import')
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
  it("reads every route from Nest's metadata, with the controller's prefix; methods without a route are not routes", () => {
    expect(restRoutes([Example, Root])).toEqual([
      { method: 'GET', path: '/hsds' },
      { method: 'GET', path: '/hsds/services/:id' },
      { method: 'POST', path: '/hsds/import' },
      { method: 'GET', path: '/a' },
      { method: 'GET', path: '/b' },
    ]);
  });
});
