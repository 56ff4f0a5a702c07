// The descriptors of the published files: a Frictionless Data Package (datapackage.json, Table Schemas with
// Arabic and English titles and descriptions) and a DCAT catalogue (catalog.jsonld, DCAT-AP style JSON-LD).
// Every path and downloadURL is relative to the folder the files are served from: a JSON-LD processor resolves
// them against the catalogue's own address, so the same files serve any domain (CloudFront, the local cloud).
import type { Dataset } from './datasets';

export const LICENSE = { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' } as const;
export const PUBLISHER = { en: 'Ministry of Digital Economy and Entrepreneurship — e-Government Unit', ar: 'وزارة الاقتصاد الرقمي والريادة — وحدة الحكومة الإلكترونية' } as const;

export interface Distribution {
  readonly path: string;
  readonly format: 'csv' | 'json';
  readonly mediaType: string;
  readonly bytes: number;
  /** When this file's content last changed (ISO 8601). */
  readonly modified: string;
}

export interface Published {
  readonly dataset: Dataset;
  readonly distributions: readonly Distribution[];
}

export const mediaTypes = { csv: 'text/csv', json: 'application/json', jsonld: 'application/ld+json' } as const;

const latest = (dates: readonly string[]) => dates.reduce((last, date) => (date > last ? date : last), '');

function schemaOf(dataset: Dataset) {
  return { fields: dataset.fields, primaryKey: dataset.primaryKey, missingValues: [''] };
}

export function dataPackage(published: readonly Published[]): unknown {
  return {
    profile: 'tabular-data-package',
    name: 'khidma-open-data',
    title: 'Khidma open government data',
    title_ar: 'البيانات الحكومية المفتوحة — خدمة',
    description: 'The service catalogue and the monthly performance indicators of the Khidma e-government platform, published every night.',
    description_ar: 'دليل الخدمات ومؤشرات الأداء الشهرية لمنصة خدمة للحكومة الإلكترونية، تُنشر كل ليلة.',
    homepage: 'catalog.jsonld',
    created: latest(published.flatMap(({ distributions }) => distributions.map((distribution) => distribution.modified))),
    licenses: [LICENSE],
    contributors: [{ title: PUBLISHER.en, role: 'publisher' }],
    sources: [
      { title: 'Khidma service registry (the catalogue table)' },
      { title: 'Khidma application events, counted into monthly aggregates (the KPI cells)' },
    ],
    keywords: ['open data', 'e-government', 'Jordan', 'بيانات مفتوحة'],
    resources: published.flatMap(({ dataset, distributions }) =>
      distributions.map((distribution) => ({
        name: distribution.format === 'csv' ? dataset.name : `${dataset.name}-json`,
        path: distribution.path,
        profile: distribution.format === 'csv' ? 'tabular-data-resource' : 'data-resource',
        title: dataset.title.en,
        title_ar: dataset.title.ar,
        description: dataset.description.en,
        description_ar: dataset.description.ar,
        format: distribution.format,
        mediatype: distribution.mediaType,
        encoding: 'utf-8',
        bytes: distribution.bytes,
        licenses: [LICENSE],
        schema: schemaOf(dataset),
      })),
    ),
  };
}

const text = (value: { readonly en: string; readonly ar: string }) => [
  { '@language': 'en', '@value': value.en },
  { '@language': 'ar', '@value': value.ar },
];
const dateTime = (iso: string) => ({ '@type': 'xsd:dateTime', '@value': iso });

export function dcatCatalog(published: readonly Published[]): unknown {
  const modified = latest(published.flatMap(({ distributions }) => distributions.map((distribution) => distribution.modified)));
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': 'catalog.jsonld',
    '@type': 'dcat:Catalog',
    'dct:title': text({ en: 'Khidma open government data', ar: 'البيانات الحكومية المفتوحة — خدمة' }),
    'dct:description': text({ en: 'Service catalogue and monthly performance indicators, published every night.', ar: 'دليل الخدمات ومؤشرات الأداء الشهرية، تُنشر كل ليلة.' }),
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': text(PUBLISHER) },
    'dct:license': { '@id': LICENSE.path },
    'dct:modified': dateTime(modified),
    'dcat:dataset': published.map(({ dataset, distributions }) => ({
      '@id': `catalog.jsonld#${dataset.name}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': dataset.name,
      'dct:title': text(dataset.title),
      'dct:description': text(dataset.description),
      'dcat:keyword': dataset.keywords,
      'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': text(PUBLISHER) },
      'dct:accrualPeriodicity': { '@id': 'http://purl.org/cld/freq/daily' },
      'dct:conformsTo': { '@id': 'datapackage.json' },
      'dct:modified': dateTime(latest(distributions.map((distribution) => distribution.modified))),
      'dcat:distribution': distributions.map((distribution) => ({
        '@id': `catalog.jsonld#${distribution.path}`,
        '@type': 'dcat:Distribution',
        'dct:title': `${dataset.title.en} (${distribution.format.toUpperCase()})`,
        'dcat:downloadURL': { '@id': distribution.path },
        'dcat:accessURL': { '@id': distribution.path },
        'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${distribution.mediaType}` },
        'dct:format': distribution.format.toUpperCase(),
        'dcat:byteSize': { '@type': 'xsd:nonNegativeInteger', '@value': String(distribution.bytes) },
        'dct:modified': dateTime(distribution.modified),
        'dct:license': { '@id': LICENSE.path },
      })),
    })),
  };
}
