import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { QueryBoolean, QueryId } from './fields';

export const UI_MODES = ['listen', 'speak', 'browse'] as const;
export const SELECT_METHODS = ['single', 'multi', 'min_one'] as const;

/** One UI item as `GET /api/2/uiitems/` shows it. */
export class UiItemDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) index: number;
  @ApiProperty() default: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer', example: 1 }) ui_group_id: number;
  @ApiProperty({ type: 'integer', example: 3 }) tag_id: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) parent_id: number | null;
}

/** A UI group as `GET /api/2/uigroups/` shows it, with its items. */
export class UiGroupDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'Listen to' }) name: string;
  @ApiProperty({ enum: UI_MODES, enumName: 'UiMode' }) ui_mode: string;
  @ApiProperty({ enum: SELECT_METHODS, enumName: 'UiSelect' }) select: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer', example: 1 }) index: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'What do you want to hear?' })
  header_text_loc: string | null;
  @ApiProperty({ example: 'Topics' }) group_short_name: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) tag_category_id: number | null;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
  @ApiProperty({ type: [UiItemDto] }) ui_items: UiItemDto[];
}

/** Body of `POST /api/2/uigroups/` (admin). */
export class CreateUiGroupDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsDefined() @IsInt() @IsIdValue() project_id: number;

  @ApiProperty({ maxLength: 50, example: 'Listen to' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50, { message: 'Ensure this field has no more than 50 characters.' })
  name: string;

  @ApiPropertyOptional({
    maxLength: 50,
    example: 'Topics',
    description: "Defaults to `name` (upstream: the tag category's name)",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50, { message: 'Ensure this field has no more than 50 characters.' })
  group_short_name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024, { message: 'Ensure this field has no more than 1024 characters.' })
  header_text?: string | null;

  @ApiPropertyOptional({ enum: UI_MODES, enumName: 'UiMode', description: 'Default: listen' })
  @IsOptional()
  @IsIn(UI_MODES, { message: 'Select a valid choice. Use listen, speak or browse.' })
  ui_mode?: string;

  @ApiPropertyOptional({ enum: SELECT_METHODS, enumName: 'UiSelect', description: 'Default: single' })
  @IsOptional()
  @IsIn(SELECT_METHODS, { message: 'Select a valid choice. Use single, multi or min_one.' })
  select?: string;

  @ApiPropertyOptional({ description: 'Default: true' }) @IsOptional() @IsBoolean() active?: boolean;

  @ApiProperty({ type: 'integer', example: 1 })
  @IsDefined()
  @IsInt()
  @Min(-2_147_483_648, { message: 'Ensure this value is greater than or equal to -2147483648.' })
  @Max(2_147_483_647, { message: 'Ensure this value is less than or equal to 2147483647.' })
  index: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsIdValue()
  tag_category_id?: number | null;
}

export class UpdateUiGroupDto extends PartialType(CreateUiGroupDto) {}

export class ListUiGroupsQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;
  @ApiPropertyOptional({ enum: UI_MODES, enumName: 'UiMode', description: 'Exact UI mode' })
  @IsOptional()
  @IsIn(UI_MODES, { message: 'Select a valid choice. Use listen, speak or browse.' })
  ui_mode?: string;
  @ApiPropertyOptional({ type: 'boolean', description: 'Active (true) or inactive (false) only' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

/** Body of `POST /api/2/uiitems/` (admin). */
export class CreateUiItemDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsDefined() @IsInt() @IsIdValue() ui_group_id: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'A tag of the group’s project' })
  @IsDefined()
  @IsInt()
  @IsIdValue()
  tag_id: number;
  @ApiProperty({ type: 'integer', example: 1 })
  @IsDefined()
  @IsInt()
  @Min(-2_147_483_648, { message: 'Ensure this value is greater than or equal to -2147483648.' })
  @Max(2_147_483_647, { message: 'Ensure this value is less than or equal to 2147483647.' })
  index: number;
  @ApiPropertyOptional({ description: 'Default: false' }) @IsOptional() @IsBoolean() default?: boolean;
  @ApiPropertyOptional({ description: 'Default: false' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Another item of the same group' })
  @IsOptional()
  @IsInt()
  @IsIdValue()
  parent_id?: number | null;
}

export class UpdateUiItemDto extends PartialType(CreateUiItemDto) {}

export class ListUiItemsQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Exact UI group id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  ui_group_id?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Exact tag id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  tag_id?: number;
  @ApiPropertyOptional({ type: 'boolean', description: 'Active (true) or inactive (false) only' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

/** One display item of the UI configuration. */
export class UiConfigItemDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ type: 'integer', example: 3 }) tag_id: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Always null in `listen`' })
  parent_id: number | null;
  @ApiProperty() default_state: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Birds', description: "The tag's `msg_loc`" })
  tag_display_text: string | null;
}

/** One group of the UI configuration. */
export class UiConfigGroupDto {
  @ApiProperty({ enum: SELECT_METHODS, enumName: 'UiSelect' }) select: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'What do you want to hear?' })
  header_display_text: string | null;
  @ApiProperty({ example: 'Topics' }) group_short_name: string;
  @ApiProperty({ type: [UiConfigItemDto] }) display_items: UiConfigItemDto[];
}

/** `GET /api/2/projects/:id/uiconfig/`. */
export class UiConfigDto {
  @ApiProperty({ type: [UiConfigGroupDto] }) listen: UiConfigGroupDto[];
  @ApiProperty({ type: [UiConfigGroupDto] }) speak: UiConfigGroupDto[];
}

export class UiConfigQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: "The caller's session (the client always sends it; accepted, texts are not localised)",
  })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  session_id?: number;
}
